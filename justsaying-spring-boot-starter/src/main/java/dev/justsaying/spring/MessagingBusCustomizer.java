package dev.justsaying.spring;

import dev.justsaying.MessagingBus;

/**
 * Declares what properties cannot say — publications, subscriptions, handlers, middleware, monitors — on the
 * builder of the auto-configured bus. Every such bean is applied in {@code @Order} order, after the
 * {@code justsaying.*} properties and the handler beans.
 *
 * <pre>{@code
 * @Bean
 * MessagingBusCustomizer orders() {
 *     return builder -> builder
 *         .publications(p -> p.withTopic(OrderPlaced.class))
 *         .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("billing-orders").group("billing")));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MessagingBusCustomizer {

    void customize(MessagingBus.Builder builder);
}
