package dev.justsaying.restaurantstatus;

import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.spring.JustSayingProperties;
import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import dev.justsaying.restaurantstatus.worker.SmsSender;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The service's own beans: the command store on DynamoDB, the SMS sender, the Worker's handler. */
@Configuration(proxyBeanMethods = false)
public class ServiceConfiguration {

    /** Callers of DynamoDB besides requests and the Worker: the API's sent marker and its sweeper. */
    private static final int BACKGROUND_CALLERS = 2;

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * DynamoDB in the primary region, or at {@code restaurant-status.dynamodb-endpoint} when one is set. Its HTTP
     * client holds a connection for every request that may be in flight at once (the API's status changes, the
     * Worker's writes, the sent marker and the sweeper), so none waits for a connection (the SDK's default: 50).
     */
    @Bean(destroyMethod = "close")
    public DynamoDbClient dynamoDbClient(ServiceProperties properties, JustSayingProperties bus,
                                         ObjectProvider<AwsCredentialsProvider> credentials) {
        int connections = properties.maxRequestsInFlight() + properties.worker().parallelism() + BACKGROUND_CALLERS;
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
                .region(Region.of(bus.regions().get(0)))
                .credentialsProvider(credentials.getIfAvailable(DefaultCredentialsProvider::create));
        if (properties.dynamodbEndpoint() != null) {
            builder.endpointOverride(properties.dynamodbEndpoint());
        }
        return builder.build();
    }

    @Bean
    public CommandStore commandStore(DynamoDbClient dynamo, ServiceProperties properties, Clock clock) {
        CommandStore store = new CommandStore(dynamo, properties.commandsTable(), properties.commandTtl(), clock);
        if (properties.createCommandsTable()) {
            store.createTableIfMissing();
        }
        return store;
    }

    @Bean
    public SmsSender smsSender(ServiceProperties properties) {
        return new SmsSender(properties.twilio(), properties.worker().parallelism());
    }

    /**
     * The batch handler of the commands queue; the starter registers it with the bus by its message type. Spring
     * closes it (its pool) when the context closes.
     */
    @Bean
    @OnWorkerRole
    public StatusChangeWorker statusChangeWorker(CommandStore commands, RestaurantRepository restaurants,
                                                 SmsSender sms, MessagePublisher publisher,
                                                 ServiceProperties properties, Clock clock, MeterRegistry meters) {
        return new StatusChangeWorker(commands, restaurants, sms, publisher, properties.worker(), clock, meters);
    }
}
