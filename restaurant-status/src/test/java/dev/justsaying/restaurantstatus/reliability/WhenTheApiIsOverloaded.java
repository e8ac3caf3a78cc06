package dev.justsaying.restaurantstatus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.support.RunningService;
import io.micrometer.core.instrument.Gauge;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, fault 6: many more clients at once than the API's limit of requests in progress. What it cannot take it
 * refuses at once (503 problem with {@code Retry-After}); once the load drops it accepts everything again; what it
 * accepted is carried out; and the Worker, meanwhile, never handles more commands at once than its limit nor buffers
 * more than its prefetch.
 */
class WhenTheApiIsOverloaded {

    private static final int LIMIT = 4;
    private static final int CLIENTS = 48;
    private static final int REQUESTS = Integer.getInteger("reliability.overload-requests", 400);
    private static final long FIRST_RESTAURANT = 400_000;
    private static final int WORKER_CONCURRENCY = 8;
    private static final int PREFETCH = 10;

    @Test
    void itTurnsAwayWhatItCannotTakeAndRecoversWhenTheLoadDrops() throws Exception {
        try (LocalService service = LocalService.start("api,worker",
                "--restaurant-status.max-requests-in-flight=" + LIMIT,
                "--restaurant-status.worker.concurrency=" + WORKER_CONCURRENCY)) {
            CommandFlow flow = CommandFlow.withRestaurants(service.jdbc(), FIRST_RESTAURANT, REQUESTS);
            Map<String, Double> peaks = new ConcurrentHashMap<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> List.of("in.flight", "buffered", "concurrency.limit").forEach(name ->
                    peaks.merge(name, groupGauge(service, name), Math::max)), 0, 5, TimeUnit.MILLISECONDS);
            try {
                long started = System.nanoTime();
                Map<Integer, AtomicInteger> burst = burst(service);
                long refusedProperly = burst.getOrDefault(-503, new AtomicInteger()).get();

                CommandFlow.Submitted afterwards = flow.submit(service::url, LIMIT / 2);
                CommandFlow.Tally tally = flow.settle(afterwards, service.dynamo(), service.commandsTable(),
                        service.stack().twilio(), Duration.ofMinutes(5));

                System.out.println(tally.figures("API at " + CLIENTS + " clients, limit " + LIMIT,
                        Duration.ofNanos(System.nanoTime() - started)) + " burst202=" + count(burst, 202)
                        + " burst503=" + count(burst, 503) + " burstOther=" + otherThan(burst)
                        + " afterwardsRetried=" + afterwards.retried() + " workerPeakInFlight="
                        + peaks.get("in.flight") + " workerPeakBuffered=" + peaks.get("buffered"));
                assertThat(count(burst, 503)).as("refused under overload").isPositive();
                assertThat(refusedProperly).as("503s with Retry-After and a problem document")
                        .isEqualTo(count(burst, 503));
                assertThat(otherThan(burst)).as("answers other than 202 and 503").isZero();
                assertThat(afterwards.retried()).as("refused once the load dropped").isZero();
                assertThat(tally.accepted()).as("accepted in the end").isEqualTo(REQUESTS);
                assertThat(tally.lost()).as("lost").isZero();
                assertThat(tally.stuck()).as("stuck").isZero();
                assertThat(tally.duplicatedSms()).as("texts sent twice").isZero();
                assertThat(peaks.get("concurrency.limit")).as("Worker's limit, as its gauge reads")
                        .isEqualTo((double) WORKER_CONCURRENCY);
                assertThat(peaks.get("in.flight")).as("Worker's commands in flight, at most")
                        .isPositive().isLessThanOrEqualTo(WORKER_CONCURRENCY);
                assertThat(peaks.get("buffered")).as("Worker's buffered messages, at most")
                        .isLessThanOrEqualTo(PREFETCH);
            } finally {
                sampler.shutdownNow();
            }
        }
    }

    /**
     * Every restaurant's request once, {@value #CLIENTS} at a time, not sent again; answers counted by status, and
     * under -503 the 503s that carry {@code Retry-After} and a problem document.
     */
    private static Map<Integer, AtomicInteger> burst(LocalService service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        Semaphore clients = new Semaphore(CLIENTS);
        for (long restaurant = FIRST_RESTAURANT; restaurant < FIRST_RESTAURANT + REQUESTS; restaurant++) {
            clients.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(service.url().resolve("/restaurants/" + restaurant + "/status"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + RunningService.API_KEY)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", CommandFlow.idempotencyKey(restaurant))
                    .PUT(HttpRequest.BodyPublishers.ofString(CommandFlow.body(restaurant)))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                int status = failure == null ? -1 : 0;
                if (failure == null) {
                    status = response.statusCode();
                    if (status == 503 && response.headers().firstValue("Retry-After").isPresent()
                            && response.headers().firstValue("Content-Type").orElse("")
                                    .startsWith("application/problem+json")) {
                        answers.computeIfAbsent(-503, key -> new AtomicInteger()).incrementAndGet();
                    }
                }
                answers.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
                clients.release();
            });
        }
        clients.acquireUninterruptibly(CLIENTS);
        return answers;
    }

    private static long count(Map<Integer, AtomicInteger> answers, int status) {
        return answers.getOrDefault(status, new AtomicInteger()).get();
    }

    private static long otherThan(Map<Integer, AtomicInteger> answers) {
        return answers.entrySet().stream().filter(entry -> entry.getKey() != 202 && entry.getKey() != 503
                && entry.getKey() != -503).mapToLong(entry -> entry.getValue().get()).sum();
    }

    private static double groupGauge(LocalService service, String name) {
        Gauge gauge = service.meters().find("justsaying.group." + name)
                .tag("group", MessagingConfiguration.COMMANDS_GROUP).gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
