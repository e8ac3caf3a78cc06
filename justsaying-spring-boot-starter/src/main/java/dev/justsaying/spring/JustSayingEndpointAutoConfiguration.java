package dev.justsaying.spring;

import dev.justsaying.MessagingBus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link JustSayingEndpoint}, when Spring Boot Actuator is on the classpath and there is a bus. Exposing it over
 * HTTP or JMX is the actuator's own setting ({@code management.endpoints.web.exposure.include=justsaying}).
 */
@AutoConfiguration(after = JustSayingAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(MessagingBus.class)
public final class JustSayingEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JustSayingEndpoint justSayingEndpoint(MessagingBus bus) {
        return new JustSayingEndpoint(bus);
    }
}
