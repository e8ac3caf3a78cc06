package dev.justsaying.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageHandler;
import dev.justsaying.spring.Messages.OrderPlaced;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A handler bean the bus cannot use stops the application at start-up, saying which and why. */
class WhenAHandlerBeanIsMisdeclared {

    @Configuration(proxyBeanMethods = false)
    static class UnsubscribedHandler {
        @Bean
        MessageHandler<OrderPlaced> orderPlacedHandler() {
            return (message, context) -> HandleResult.success();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RawHandler {
        @Bean
        @SuppressWarnings("rawtypes")
        MessageHandler untypedHandler() {
            return (message, context) -> HandleResult.success();
        }
    }

    @Test
    void aHandlerWhoseTypeHasNoSubscriptionNamesTheType() {
        StarterContexts.offline().withUserConfiguration(UnsubscribedHandler.class).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("a handler for " + OrderPlaced.class.getName() + " but no subscription"));
    }

    @Test
    void aHandlerWhoseTypeCannotBeResolvedNamesTheBean() {
        StarterContexts.offline().withUserConfiguration(RawHandler.class).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("handler bean 'untypedHandler'")
                        .hasMessageContaining("message type cannot be resolved"));
    }
}
