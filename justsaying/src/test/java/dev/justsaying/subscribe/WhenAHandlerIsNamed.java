package dev.justsaying.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageContext;
import dev.justsaying.handle.MessageHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handler names feed logs, metrics and exactly-once lock keys: they must be the same in every JVM. */
class WhenAHandlerIsNamed {

    @Test
    void aLambdasPerJvmSuffixIsCutOff() {
        assertThat(HandlerBinding.stableName("dev.example.Worker$$Lambda$412/0x0000000800c4a000"))
                .isEqualTo(HandlerBinding.stableName("dev.example.Worker$$Lambda/0x00007f3a1c0b2c40"))
                .isEqualTo("dev.example.Worker$$Lambda");
    }

    @Test
    void aNamedClassKeepsItsName() {
        MessageHandler<String> handler = new NamedHandler();
        HandlerBinding binding = HandlerBinding.of(String.class, "String", handler, List.of());
        assertThat(binding.handlerName()).isEqualTo(NamedHandler.class.getName());
    }

    @Test
    void aRealLambdaGetsTheStableForm() {
        MessageHandler<String> handler = (message, context) -> HandleResult.success();
        HandlerBinding binding = HandlerBinding.of(String.class, "String", handler, List.of());
        assertThat(binding.handlerName()).isEqualTo(WhenAHandlerIsNamed.class.getName() + "$$Lambda");
    }

    static final class NamedHandler implements MessageHandler<String> {
        @Override
        public HandleResult handle(String message, MessageContext context) {
            return HandleResult.success();
        }
    }
}
