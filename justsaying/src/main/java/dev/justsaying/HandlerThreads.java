package dev.justsaying;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads handlers run on. Their number is bounded by the subscription groups' concurrency limits, not here:
 * on Java 21+ each handler gets a virtual thread, so a blocking handler costs no platform thread; before that, a
 * cached pool of daemon threads.
 */
final class HandlerThreads {

    private HandlerThreads() {
    }

    static ExecutorService create() {
        try {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) virtual.invoke(null);
        } catch (ReflectiveOperationException notOnThisJava) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory daemons = task -> {
                Thread thread = new Thread(task, "justsaying-handler-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            return Executors.newCachedThreadPool(daemons);
        }
    }
}
