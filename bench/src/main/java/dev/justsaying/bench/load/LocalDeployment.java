package dev.justsaying.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The restaurant-status processes a load benchmark starts: with {@link StackMode#SEPARATE} the local stack's JVM
 * (the {@code stack} role) once, then each service JVM against it; with {@link StackMode#IN_PROCESS} each service
 * JVM with its own stack inside. Reads their CPU as a {@link CpuUse}. Closing it stops the stack's JVM (services are
 * closed by whoever started them).
 */
final class LocalDeployment implements AutoCloseable {

    private final Path jar;
    private final ServiceProcess stack;

    private LocalDeployment(Path jar, ServiceProcess stack) {
        this.jar = jar;
        this.stack = stack;
    }

    /** With {@link StackMode#SEPARATE}, starts the stack's JVM now, logging into {@code logs}/stack.log. */
    static LocalDeployment start(StackMode mode, Path jar, Path logs) throws IOException {
        return new LocalDeployment(jar,
                mode == StackMode.SEPARATE ? ServiceProcess.startStack(jar, logs.resolve("stack.log")) : null);
    }

    /** Starts a service JVM with these environment settings, against this deployment's stack or with its own. */
    ServiceProcess startService(Map<String, String> environment, Path log) throws IOException {
        Map<String, String> settings = new HashMap<>(environment);
        if (stack != null) {
            settings.put("RESTAURANT_STATUS_LOCAL_STACK_URL", stack.url().toString());
        }
        return ServiceProcess.start(jar, settings, log);
    }

    /** An endpoint of the local AWS stack {@code service} uses (see {@link ServiceProcess#localAwsEndpoint}). */
    URI localAwsEndpoint(ServiceProcess service, String region, String name) throws IOException {
        return (stack != null ? stack : service).localAwsEndpoint(region, name);
    }

    /** Throws if {@code service} or the stack's JVM has stopped (crashed, or killed from outside). */
    void requireRunning(ServiceProcess service) {
        service.requireRunning();
        if (stack != null) {
            stack.requireRunning();
        }
    }

    /**
     * The CPU seconds so far of {@code service}, the stack's JVM (each with its JIT threads' part) and PostgreSQL;
     * throws if either JVM has stopped.
     */
    CpuUse cpu(ServiceProcess service) {
        requireRunning(service);
        if (stack == null) {
            return CpuUse.of(service.jvmCpu(), null, service.postgresCpuSeconds());
        }
        return CpuUse.of(service.jvmCpu(), stack.jvmCpu(), stack.postgresCpuSeconds());
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
