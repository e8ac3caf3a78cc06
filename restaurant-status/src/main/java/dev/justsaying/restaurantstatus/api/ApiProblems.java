package dev.justsaying.restaurantstatus.api;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.justsaying.restaurantstatus.ServiceProperties;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every error the API answers is an RFC 9457 {@code application/problem+json}: Spring MVC's own (wrong method,
 * unreadable body…), the API's {@link ProblemException}s, and a store that cannot be reached (503 with
 * {@code Retry-After}, never 500).
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final ServiceProperties properties;

    public ApiProblems(ServiceProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> turnedDown(ProblemException e) {
        if (e.getCause() != null) {
            log.warn("{}: {}", e.getMessage(), e.getCause().toString());
        }
        HttpHeaders headers = new HttpHeaders();
        if (e.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return problem(e.problem(), headers);
    }

    @ExceptionHandler({SdkException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, RecoverableDataAccessException.class})
    public ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e) {
        return turnedDown(ProblemException.unavailable("A store the API needs cannot be reached; nothing was accepted",
                properties.retryAfter(), e));
    }

    /** A bug: logged with its stack, answered as a 500 problem that reveals nothing of it. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed unexpectedly"), new HttpHeaders());
    }

    /** A body read past its limit is a 413; an unknown status names the accepted ones; otherwise a plain 400. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable tooLarge = NestedExceptionUtils.getMostSpecificCause(e);
        if (tooLarge instanceof SizeLimitedRequest.BodyTooLargeException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            return new ResponseEntity<>(problem, problemHeaders(headers), HttpStatus.PAYLOAD_TOO_LARGE);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Malformed request body");
        if (e.getCause() instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            problem.setTitle("Unknown value");
            problem.setDetail("'" + invalid.getValue() + "' is not one of "
                    + Arrays.toString(invalid.getTargetType().getEnumConstants()));
        } else {
            problem.setDetail("The body is not the JSON this endpoint reads");
        }
        return new ResponseEntity<>(problem, problemHeaders(headers), HttpStatus.BAD_REQUEST);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, HttpHeaders headers) {
        return new ResponseEntity<>(problem, problemHeaders(headers), problem.getStatus());
    }

    private static HttpHeaders problemHeaders(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return copy;
    }
}
