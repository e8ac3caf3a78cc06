package dev.justsaying.bench.library;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the SQS calls a client makes, by operation: how many requests each contender costs the server is part of
 * why one is faster than another (a delete per handler vs one per receive).
 */
final class CallCounter implements ExecutionInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), name -> new LongAdder())
                .increment();
    }

    /** The counts since the last call, by operation, and starts counting afresh. */
    Map<String, Long> takeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, count) -> {
            long taken = count.sumThenReset();
            if (taken > 0) {
                counts.put(operation, taken);
            }
        });
        return counts;
    }
}
