package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.ServiceProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the write endpoints before any work is done: a bearer API key ({@link ApiKeys}) and a body no larger than
 * {@code restaurant-status.max-body-bytes} (by its {@code Content-Length}, or while it is read when it has none) with
 * a concrete {@code Content-Type}. Every write is
 * guarded, the actuator's too (setting the Worker's concurrency); reads, health and metrics stay open.
 */
@Component
public class WriteGuard extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeys keys;
    private final int maxBodyBytes;
    private final ProblemWriter problems;

    public WriteGuard(ServiceProperties properties, ProblemWriter problems) {
        this.keys = new ApiKeys(properties.apiKeys());
        this.maxBodyBytes = properties.maxBodyBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READ_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!keys.authorize(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.refuse(response, HttpStatus.UNAUTHORIZED, "A valid API key is required: Authorization: Bearer <key>");
        } else if (!concrete(request.getContentType())) {
            problems.refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The Content-Type must be a concrete media type");
        } else if (request.getContentLengthLong() > maxBodyBytes) {
            problems.refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "The body may be at most " + maxBodyBytes + " bytes");
        } else {
            chain.doFilter(request.getContentLengthLong() < 0 ? new SizeLimitedRequest(request, maxBodyBytes) : request,
                    response);
        }
    }

    /** Spring MVC fails (500) on a wildcard Content-Type such as {@code *}{@code /*}: refuse it here as a 415. */
    private static boolean concrete(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException unparseable) {
            return true;   // Spring MVC itself answers an unparseable type with a 415 problem
        }
    }
}
