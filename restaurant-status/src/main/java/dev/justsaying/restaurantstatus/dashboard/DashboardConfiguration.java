package dev.justsaying.restaurantstatus.dashboard;

import dev.justsaying.restaurantstatus.OnApiRole;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.api.CommandService;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.monitoring.RegionalSqsClients;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import dev.justsaying.spring.JustSayingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The live dashboard: the page at {@code /dashboard} (static files under {@code static/dashboard}, Chart.js from its
 * WebJar) and what feeds its JSON ({@link DashboardController}). Present in every process; the series of a role the
 * process does not run are left out.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/dashboard").setViewName("forward:/dashboard/index.html");
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    }

    /** Which roles run here is read from the beans they bring: the API's command service, the Worker's handler. */
    @Bean
    public MetricsSampler metricsSampler(MeterRegistry meters, Clock clock, DashboardProperties properties,
                                         ObjectProvider<CommandService> api, ObjectProvider<StatusChangeWorker> worker) {
        return new MetricsSampler(meters, clock, api.getIfAvailable() != null, worker.getIfAvailable() != null,
                properties.history());
    }

    @Bean
    @OnApiRole
    public RecentCommands recentCommands(DashboardProperties properties) {
        return new RecentCommands(properties.recentCommands());
    }

    @Bean(destroyMethod = "close")
    public CommandErrorQueues commandErrorQueues(ServiceProperties service, JustSayingProperties bus,
                                                 ObjectProvider<AwsCredentialsProvider> credentials) {
        return new CommandErrorQueues(
                RegionalSqsClients.create(bus, credentials.getIfAvailable(DefaultCredentialsProvider::create)),
                service.commandsQueue(), service.commandsQueue() + MessagingConfiguration.ERROR_QUEUE_SUFFIX);
    }
}
