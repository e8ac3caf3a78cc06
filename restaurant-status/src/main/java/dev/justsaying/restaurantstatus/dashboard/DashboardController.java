package dev.justsaying.restaurantstatus.dashboard;

import dev.justsaying.errorqueue.ErrorQueue;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.api.ApiKeys;
import dev.justsaying.restaurantstatus.api.CommandView;
import dev.justsaying.restaurantstatus.api.ProblemException;
import dev.justsaying.restaurantstatus.command.CommandStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON the {@code /dashboard} page polls: the sampled metrics, the latest commands with their states, the error
 * queue's messages, and the redrive (a POST, so the {@code WriteGuard} asks for the API key). The command table and
 * the error-queue peek need the key too unless {@code restaurant-status.dashboard.open-reads} is set (the local
 * profile): they show commands' reasons and failures, and a peek counts as a receive on the queue.
 */
@RestController
@RequestMapping("/dashboard/api")
public class DashboardController {

    private static final Duration RETRY_REDRIVE_AFTER = Duration.ofSeconds(5);

    private final MetricsSampler sampler;
    private final Optional<RecentCommands> recentCommands;
    private final CommandStore commands;
    private final CommandErrorQueues errorQueues;
    private final DashboardProperties properties;
    private final ApiKeys keys;

    public DashboardController(MetricsSampler sampler, Optional<RecentCommands> recentCommands, CommandStore commands,
                               CommandErrorQueues errorQueues, DashboardProperties properties,
                               ServiceProperties service) {
        this.sampler = sampler;
        this.recentCommands = recentCommands;
        this.commands = commands;
        this.errorQueues = errorQueues;
        this.properties = properties;
        this.keys = new ApiKeys(service.apiKeys());
    }

    @GetMapping("/summary")
    public Summary summary() {
        return new Summary(new Roles(sampler.api(), sampler.worker()), properties.sampleInterval().toMillis(),
                sampler.samples());
    }

    @GetMapping("/commands")
    public RecentCommandsView commands(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        guardRead(auth);
        return recentCommands.map(recent -> new RecentCommandsView(true, recent.ids().stream()
                        .flatMap(id -> commands.find(id).stream()).map(CommandView::of).toList()))
                .orElseGet(() -> new RecentCommandsView(false, List.of()));
    }

    @GetMapping("/error-queue")
    public ErrorQueueView errorQueue(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth) {
        guardRead(auth);
        return new ErrorQueueView(errorQueues.errorQueue(), errorQueues.peek(properties.errorQueuePeek()));
    }

    /** Body {@code {"region": "eu-west-1", "messageId": "..."}}; without a message id, every message moves. */
    @PostMapping("/error-queue/redrive")
    public ErrorQueue.Redriven redrive(@RequestBody RedriveRequest request) {
        if (request.region() == null || request.region().isBlank()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "No region", "region is required");
        }
        try {
            return errorQueues.redrive(request.region(), Optional.ofNullable(request.messageId()))
                    .orElseThrow(() -> ProblemException.of(HttpStatus.NOT_FOUND, "Unknown region",
                            "the bus has no region " + request.region()));
        } catch (ErrorQueue.RedriveFailedException e) {
            throw ProblemException.unavailable("The redrive failed after " + e.moved() + " message(s) had moved",
                    RETRY_REDRIVE_AFTER, e);
        }
    }

    private void guardRead(String authorization) {
        if (!properties.openReads() && !keys.authorize(authorization)) {
            throw ProblemException.of(HttpStatus.UNAUTHORIZED, "API key required",
                    "A valid API key is required: Authorization: Bearer <key>");
        }
    }

    /** Which roles this process runs: the page shows "n/a" for the series of a missing one. */
    public record Roles(boolean api, boolean worker) { }

    /** The charts' data: every kept sample, oldest first. */
    public record Summary(Roles roles, long sampleIntervalMillis, List<Sample> samples) { }

    /** The latest accepted commands as the store has them now; not available in a process without the API. */
    public record RecentCommandsView(boolean available, List<CommandView> commands) { }

    /** The error queue's messages in every region. */
    public record ErrorQueueView(String queue, List<CommandErrorQueues.RegionMessages> regions) { }

    /** Which messages to send back. */
    public record RedriveRequest(String region, String messageId) { }
}
