package dev.justsaying.restaurantstatus.local;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalRegion;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 *
 * <p>With {@code restaurant-status.local.stack-url} set, it starts no stack: it points the service at the stack a
 * process of the {@code stack} role runs ({@link LocalStackApplication}), with the same properties, read from that
 * process. Either way the service itself creates what it uses, as it would on AWS: Flyway the schema and the demo
 * restaurants, the command store its table, the bus its queues and topics.
 */
public final class LocalStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The name of the property source this initializer adds. */
    public static final String PROPERTY_SOURCE = "localStack";
    /** The property that names a local stack running in another process, instead of one in this JVM. */
    public static final String STACK_URL = "restaurant-status.local.stack-url";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            return;
        }
        Binder binder = Binder.get(environment);
        Map<String, Object> properties = binder.bind(STACK_URL, URI.class)
                .map(LocalStackInitializer::propertiesOf)
                .orElseGet(() -> properties(startIn(context, binder)));
        context.getBeanFactory().registerSingleton("localAwsCredentials", LocalAws.credentials());
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    /** Starts a stack in this JVM as a bean of the context, destroyed when it closes and when its refresh fails. */
    private static LocalStack startIn(ConfigurableApplicationContext context, Binder binder) {
        List<String> regions = binder.bind("justsaying.regions", Bindable.listOf(String.class))
                .orElse(List.of("eu-west-1"));
        Duration smsDelay = binder.bind("restaurant-status.local.sms-delay", Duration.class)
                .orElse(Duration.ofMillis(200));
        LocalStack stack = LocalStack.start(regions, smsDelay);
        context.getBeanFactory().registerSingleton("localStack", stack);
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("localStack", stack::close);
        return stack;
    }

    /** The properties a stack running in another process serves ({@link LocalStackServer}). */
    private static Map<String, Object> propertiesOf(URI stackUrl) {
        URI source = stackUrl.resolve(LocalStackServer.PROPERTIES_PATH);
        HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(source + " answered " + answer.statusCode());
            }
            Properties served = new Properties();
            served.load(new StringReader(answer.body()));
            Map<String, Object> properties = new HashMap<>();
            served.stringPropertyNames().forEach(name -> properties.put(name, served.getProperty(name)));
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException("No local stack at " + stackUrl + " (" + STACK_URL + "): start one with "
                    + "--restaurant-status.roles=stack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + source, e);
        }
    }

    /** Where the service finds the parts of {@code stack}, as properties. */
    static Map<String, Object> properties(LocalStack stack) {
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
