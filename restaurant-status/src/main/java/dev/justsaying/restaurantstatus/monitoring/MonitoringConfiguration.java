package dev.justsaying.restaurantstatus.monitoring;

import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.spring.JustSayingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The service's metrics beyond what Spring Boot and the bus's starter record: the polled depth of the commands
 * queue and its error queue in every region of the bus ({@code restaurant-status.queue-poll-interval} apart).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class MonitoringConfiguration {

    /** Polls with clients of its own, built like the bus's: its regions, endpoint overrides and credentials. */
    @Bean(destroyMethod = "close")
    public QueueDepthPoller queueDepthPoller(ServiceProperties service, JustSayingProperties bus,
                                             ObjectProvider<AwsCredentialsProvider> credentials, MeterRegistry meters) {
        Map<String, SqsClient> sqsByRegion = RegionalSqsClients.create(bus,
                credentials.getIfAvailable(DefaultCredentialsProvider::create));
        return new QueueDepthPoller(sqsByRegion, List.of(service.commandsQueue(),
                service.commandsQueue() + MessagingConfiguration.ERROR_QUEUE_SUFFIX), meters);
    }
}
