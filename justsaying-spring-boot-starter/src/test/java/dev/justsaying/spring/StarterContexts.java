package dev.justsaying.spring;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalRegion;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Application contexts with the starter's auto-configuration, as the tests need them. */
final class StarterContexts {

    private StarterContexts() {
    }

    /** The auto-configuration alone: no properties, no beans. */
    static ApplicationContextRunner bare() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                JustSayingAutoConfiguration.class, JustSayingEndpointAutoConfiguration.class));
    }

    /** A bus in eu-west-1 that is never started: for wiring that needs no cloud. */
    static ApplicationContextRunner offline() {
        return bare().withPropertyValues("justsaying.regions=eu-west-1", "justsaying.start-on-startup=false");
    }

    /**
     * A bus in every region of the local cloud, its endpoints given as properties (as an application would) and its
     * placeholder credentials as a bean; receive waits of 1 s so stopping is quick.
     */
    static ApplicationContextRunner on(LocalAws aws) {
        ApplicationContextRunner runner = bare()
                .withBean(AwsCredentialsProvider.class, LocalAws::credentials)
                .withPropertyValues("justsaying.regions=" + aws.regions().stream().map(LocalRegion::name)
                                .collect(Collectors.joining(",")),
                        "justsaying.subscription-defaults.receive-wait=1s");
        for (LocalRegion region : aws.regions()) {
            runner = runner.withPropertyValues(
                    "justsaying.endpoints." + region.name() + ".sqs=" + region.sqsEndpoint(),
                    "justsaying.endpoints." + region.name() + ".sns=" + region.snsEndpoint());
        }
        return runner;
    }
}
