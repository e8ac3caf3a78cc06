package dev.justsaying.restaurantstatus.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The ids of the commands this process accepted last, newest first, at most {@code capacity}: a filter that notes the
 * command of every {@code 202 Accepted} answer (its {@code Location: /commands/{id}}). Only ids are kept; the
 * dashboard reads each command's state from the command store, so the table shows the truth, not a copy. Why not a
 * query: the DynamoDB table is keyed by command id alone, and finding the latest commands would need a scan or a new
 * index.
 */
public final class RecentCommands extends OncePerRequestFilter {

    private static final String COMMAND_PATH = "/commands/";

    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    public RecentCommands(int capacity) {
        this.capacity = capacity;
    }

    /** Newest first. */
    public synchronized List<String> ids() {
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    synchronized void accepted(String id) {
        ids.remove(id);
        ids.add(id);
        if (ids.size() > capacity) {
            ids.remove(ids.iterator().next());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"PUT".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (response.getStatus() == HttpStatus.ACCEPTED.value() && location != null
                && location.startsWith(COMMAND_PATH)) {
            accepted(location.substring(COMMAND_PATH.length()));
        }
    }
}
