package dev.justsaying.spring;

import dev.justsaying.HandlersSection;
import dev.justsaying.MessagingBus;
import dev.justsaying.handle.AsyncMessageHandler;
import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.MessageHandler;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * Registers every bean implementing {@link MessageHandler}, {@link AsyncMessageHandler} or
 * {@link BatchMessageHandler} with the bus, for the message type its declaration names. The bus gets a delegate that
 * looks the bean up when a message arrives, so a handler may itself inject the publisher (which needs the bus) without
 * a cycle. Subscriptions are not guessed: a handler whose type has no subscription fails the bus's build.
 */
final class HandlerBeans implements MessagingBusCustomizer {

    private final ConfigurableListableBeanFactory beans;
    private final List<Handler> handlers = new ArrayList<>();

    HandlerBeans(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
        for (Kind kind : Kind.values()) {
            for (String name : beans.getBeanNamesForType(kind.type, true, false)) {
                handlers.add(new Handler(kind, name, messageType(kind, name)));
            }
        }
    }

    @Override
    public void customize(MessagingBus.Builder builder) {
        builder.handlers(section -> handlers.forEach(handler -> register(section, handler, handler.messageType)));
    }

    @SuppressWarnings("unchecked")
    private <T> void register(HandlersSection section, Handler handler, Class<T> type) {
        String name = handler.beanName;
        switch (handler.kind) {
            case SINGLE -> section.handle(type,
                    (message, context) -> beans.getBean(name, MessageHandler.class).handle(message, context));
            case ASYNC -> section.handleAsync(type,
                    (message, context) -> beans.getBean(name, AsyncMessageHandler.class).handle(message, context));
            case BATCH -> section.handleBatch(type,
                    messages -> beans.getBean(name, BatchMessageHandler.class).handle(messages));
        }
    }

    /** The T of the bean's declared type (its factory method's return type, or its class). */
    private Class<?> messageType(Kind kind, String name) {
        ResolvableType declared = beans.containsBeanDefinition(name)
                ? beans.getMergedBeanDefinition(name).getResolvableType() : ResolvableType.NONE;
        Class<?> type = declared.as(kind.type).getGeneric(0).resolve();
        if (type == null) {
            type = ResolvableType.forClass(beans.getType(name)).as(kind.type).getGeneric(0).resolve();
        }
        if (type == null) {
            throw new IllegalStateException("handler bean '" + name + "' is a " + kind.type.getSimpleName()
                    + " whose message type cannot be resolved (a raw type or an untyped lambda): declare it with its "
                    + "type, e.g. a @Bean method returning " + kind.type.getSimpleName()
                    + "<OrderPlaced> or a class implementing " + kind.type.getSimpleName() + "<OrderPlaced>");
        }
        return type;
    }

    private enum Kind {
        SINGLE(MessageHandler.class), ASYNC(AsyncMessageHandler.class), BATCH(BatchMessageHandler.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }
    }

    private record Handler(Kind kind, String beanName, Class<?> messageType) {
    }
}
