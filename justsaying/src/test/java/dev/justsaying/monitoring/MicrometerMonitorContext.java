package dev.justsaying.monitoring;

import dev.justbehave.BehaviourTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MicrometerMessageMonitor} recording into a registry of its own, for the contexts to read. The registry
 * also notes which meters ask for a percentile histogram: a simple registry does not keep the buckets, Prometheus's
 * does.
 */
abstract class MicrometerMonitorContext extends BehaviourTest<MicrometerMessageMonitor> {

    protected final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    protected final Set<String> metersWithPercentileHistograms = ConcurrentHashMap.newKeySet();

    @Override
    protected void given() {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (Boolean.TRUE.equals(config.isPercentileHistogram())) {
                    metersWithPercentileHistograms.add(id.getName());
                }
                return config;
            }
        });
        use(MeterRegistry.class, registry);
    }
}
