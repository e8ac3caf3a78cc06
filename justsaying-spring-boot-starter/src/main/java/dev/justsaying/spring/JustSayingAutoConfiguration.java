package dev.justsaying.spring;

import dev.justsaying.MessagingBus;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.monitoring.MicrometerMessageMonitor;
import dev.justsaying.publish.MessagePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A {@link MessagingBus} built from the {@code justsaying.*} properties, the handler beans and every
 * {@link MessagingBusCustomizer}, started and stopped with the context; its {@link MessagePublisher}; and, with a
 * {@link MeterRegistry}, Micrometer metrics. Runs after the metrics auto-configuration so its registry is known.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(JustSayingProperties.class)
public final class JustSayingAutoConfiguration {

    /**
     * The bus: properties first, then the monitor bean (if any), the handler beans, and the customizers in order — so
     * a customizer can change anything before it. A {@link AwsCredentialsProvider} bean, if there is one, signs the
     * clients the bus builds (default: the SDK's default chain).
     */
    @Bean
    @ConditionalOnMissingBean
    public MessagingBus messagingBus(JustSayingProperties properties, Environment environment,
                                     ConfigurableListableBeanFactory beans,
                                     ObjectProvider<AwsCredentialsProvider> credentials,
                                     ObjectProvider<MessageMonitor> monitor,
                                     ObjectProvider<MessagingBusCustomizer> customizers) {
        MessagingBus.Builder builder = MessagingBus.builder();
        new PropertiesCustomizer(properties, environment.getProperty("spring.application.name"),
                credentials.getIfUnique()).customize(builder);
        monitor.ifUnique(builder::monitor);
        new HandlerBeans(beans).customize(builder);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public MessagePublisher messagePublisher(MessagingBus bus) {
        return bus.publisher();
    }

    @Bean
    SmartLifecycle messagingBusLifecycle(MessagingBus bus, JustSayingProperties properties) {
        return new MessagingBusLifecycle(bus, properties.startOnStartup(), properties.drainTimeout());
    }

    /** Micrometer metrics of the bus, unless the application has a monitor of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static final class MicrometerConfiguration {

        @Bean
        @ConditionalOnMissingBean(MessageMonitor.class)
        MicrometerMessageMonitor justSayingMessageMonitor(MeterRegistry registry) {
            return new MicrometerMessageMonitor(registry);
        }

        @Bean
        SmartLifecycle justSayingBusGauges(MessagingBus bus, ObjectProvider<MicrometerMessageMonitor> metrics) {
            return new BusGauges(bus, metrics);
        }
    }
}
