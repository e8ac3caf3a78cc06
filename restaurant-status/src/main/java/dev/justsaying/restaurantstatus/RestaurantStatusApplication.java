package dev.justsaying.restaurantstatus;

import dev.justsaying.restaurantstatus.local.LocalStackApplication;
import dev.justsaying.restaurantstatus.local.LocalStackInitializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The restaurant status service: the API, the Worker, or both in one process (the default). On the {@code local}
 * profile (the default) it first starts its own stack in this JVM: see {@link LocalStackInitializer}. With
 * {@code restaurant-status.roles=stack} the process runs that stack alone, for API and Worker processes of their
 * own: see {@link LocalStackApplication}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RestaurantStatusApplication {

    public static void main(String[] args) {
        (LocalStackApplication.requested(args) ? LocalStackApplication.application() : application()).run(args);
    }

    /** The application as {@code main} runs it; tests start it the same way. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(RestaurantStatusApplication.class);
        application.addInitializers(new LocalStackInitializer());
        return application;
    }
}
