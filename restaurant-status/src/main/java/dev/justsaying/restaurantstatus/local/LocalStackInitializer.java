package dev.justsaying.restaurantstatus.local;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalRegion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * On the {@code local} profile, starts the {@link LocalStack} before any bean needs it and points the service at
 * it: AWS endpoints per region ({@code justsaying.endpoints.<region>.sqs|sns}), DynamoDB, the JDBC URL and the
 * Twilio endpoint. These properties sit below every other source, so anything configured explicitly wins. The
 * stack becomes a bean (tests reach the stub and the fault injection through it), and stops when the context
 * closes or fails to start.
 */
public final class LocalStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The name of the property source this initializer adds. */
    public static final String PROPERTY_SOURCE = "localStack";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            return;
        }
        Binder binder = Binder.get(environment);
        List<String> regions = binder.bind("justsaying.regions", Bindable.listOf(String.class))
                .orElse(List.of("eu-west-1"));
        Duration smsDelay = binder.bind("restaurant-status.local.sms-delay", Duration.class)
                .orElse(Duration.ofMillis(200));
        LocalStack stack = LocalStack.start(regions, smsDelay);
        context.getBeanFactory().registerSingleton("localStack", stack);
        // destroyed when the context closes, and when its refresh fails
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("localStack", stack::close);
        context.getBeanFactory().registerSingleton("localAwsCredentials", LocalAws.credentials());
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties(stack)));
    }

    private static Map<String, Object> properties(LocalStack stack) {
        Map<String, Object> properties = new HashMap<>();
        for (LocalRegion region : stack.aws().regions()) {
            properties.put("justsaying.endpoints." + region.name() + ".sqs", region.sqsEndpoint().toString());
            properties.put("justsaying.endpoints." + region.name() + ".sns", region.snsEndpoint().toString());
        }
        properties.put("restaurant-status.dynamodb-endpoint", stack.aws().dynamoDbEndpoint().toString());
        properties.put("restaurant-status.twilio.endpoint", stack.twilio().endpoint().toString());
        properties.put("spring.datasource.url", stack.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        return properties;
    }
}
