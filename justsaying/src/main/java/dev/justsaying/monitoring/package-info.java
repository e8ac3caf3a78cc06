/**
 * What the bus does, counted, timed and traced.
 *
 * <ul>
 *   <li>{@link dev.justsaying.monitoring.MessageMonitor}: the hooks the bus calls (receives, handling, throttling,
 *       publishing, error queues), given with {@code MessagingBus.builder().monitor(...)}.</li>
 *   <li>{@link dev.justsaying.monitoring.MicrometerMessageMonitor}: those hooks as Micrometer timers and counters,
 *       and the subscription groups' gauges.</li>
 *   <li>{@link dev.justsaying.monitoring.OpenTelemetryTracing}: a handler middleware and a publish middleware that
 *       carry the W3C trace context ({@code traceparent}, {@code tracestate}) from publisher to handler.</li>
 * </ul>
 *
 * Micrometer and OpenTelemetry are optional dependencies of the library: add the one you use to your own build.
 * Nothing else in the library refers to them, so a bus without them never loads these two classes.
 */
package dev.justsaying.monitoring;
