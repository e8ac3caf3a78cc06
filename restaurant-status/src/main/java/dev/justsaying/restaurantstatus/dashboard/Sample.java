package dev.justsaying.restaurantstatus.dashboard;

import java.time.Instant;
import java.util.Map;

/**
 * One point of every dashboard chart, over the interval since the previous sample. A series of a role this process
 * does not have is absent (the page shows "n/a"); a value is null when there was nothing to measure (no request in
 * the interval, a queue depth not read yet).
 *
 * @param time              when it was taken
 * @param latencyMillis     API latency p50/p99 by path: {@code accepted} (the 202 path, single and bulk) and
 *                          {@code legacy} (the 200 path); successful answers only
 * @param commandsPerSecond commands by what happened to them: {@code accepted} (Queued), {@code succeeded},
 *                          {@code retried} (a try failed, the message comes back), {@code failed} (for good)
 * @param stageMillis       the Worker's mean time per stage: {@code state}, {@code sql}, {@code sms}, {@code event}
 * @param workerConcurrency the Worker's commands {@code inFlight} now and its concurrency {@code limit}
 * @param queueDepth        messages waiting, by "commands &lt;region&gt;" and "errors &lt;region&gt;" (polled gauges)
 * @param activeRegion      the region publishing goes to, or null if the bus has not said
 * @param healthyRegions    each region and whether publishing considers it healthy
 */
public record Sample(Instant time, Map<String, Percentiles> latencyMillis, Map<String, Double> commandsPerSecond,
                     Map<String, Double> stageMillis, Map<String, Double> workerConcurrency,
                     Map<String, Double> queueDepth, String activeRegion,
                     Map<String, Boolean> healthyRegions) {

    /** Latency percentiles in ms over one interval; null when there was no request. */
    public record Percentiles(Double p50, Double p99) { }
}
