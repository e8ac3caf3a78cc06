package dev.justsaying.restaurantstatus.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an {@code Accept} header that does not parse (say {@code ;;;}) with a 400 problem document. Left to
 * Spring MVC, such a request gets the right status and an empty body: with no readable Accept there is no type to
 * negotiate the problem into.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AcceptHeaderCheck extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public AcceptHeaderCheck(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        } catch (InvalidMediaTypeException unreadable) {
            problems.refuse(response, HttpStatus.BAD_REQUEST, "The Accept header is not a list of media types");
            return;
        }
        chain.doFilter(request, response);
    }
}
