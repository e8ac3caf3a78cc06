package dev.justsaying.restaurantstatus.local;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code stack} role ({@code restaurant-status.roles=stack}): a process that runs the local stack alone —
 * {@link LocalStack} started by {@link LocalStackInitializer} as in a one-JVM run, its properties served by
 * {@link LocalStackServer} on {@code server.port} — and no service: no auto-configuration, no web application, no
 * database migration. API and Worker processes started with {@code restaurant-status.local.stack-url} run against it,
 * so the stack's CPU is not theirs and the two roles can run as processes of their own, as they are deployed.
 * Deliberately not a {@code @Configuration}: the service's component scan must not find its bean.
 */
public final class LocalStackApplication {

    private LocalStackApplication() {
    }

    /** The role that runs the stack alone. */
    public static final String ROLE = "stack";

    /** Whether {@code restaurant-status.roles} (command line, system properties or environment) names this role. */
    public static boolean requested(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bind("restaurant-status.roles", Bindable.listOf(String.class))
                .map(roles -> roles.stream().map(String::trim).anyMatch(ROLE::equalsIgnoreCase))
                .orElse(false);
    }

    /** The stack role's application; {@code main} runs it when {@link #requested} says so. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(LocalStackApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addInitializers(new LocalStackInitializer());
        return application;
    }

    @Bean(destroyMethod = "close")
    static LocalStackServer localStackServer(LocalStack stack, Environment environment) {
        return LocalStackServer.start(stack, environment.getProperty("server.port", Integer.class, 8080));
    }
}
