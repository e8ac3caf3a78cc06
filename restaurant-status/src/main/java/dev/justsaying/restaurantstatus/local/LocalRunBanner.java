package dev.justsaying.restaurantstatus.local;

import dev.justsaying.restaurantstatus.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** On the local profile, says where everything is once the service is ready, with a curl line that works. */
@Component
@Profile("local")
public class LocalRunBanner {

    private static final Logger log = LoggerFactory.getLogger(LocalRunBanner.class);

    private final ServiceProperties properties;
    private final ObjectProvider<LocalStack> stack;
    private final Environment environment;

    /** {@code stack}: none when the service runs against a stack in another process. */
    public LocalRunBanner(ServiceProperties properties, ObjectProvider<LocalStack> stack, Environment environment) {
        this.properties = properties;
        this.stack = stack;
        this.environment = environment;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String api = "http://127.0.0.1:" + web.getWebServer().getPort();
        String key = properties.apiKeys().isEmpty() ? "<key>" : properties.apiKeys().get(0);
        log.info("""

                restaurant-status is running on the local stack (Ctrl-C stops it)
                  API           {}
                  try it        curl -i -X PUT {}/restaurants/42/status -H 'Authorization: Bearer {}' \
                -H 'Content-Type: application/json' -d '{"status":"CLOSED","reason":"kitchen fire","notify":true}'
                  then          curl -i {}/commands/<commandId from the answer>
                  restaurant    curl {}/restaurants/42
                  baseline      PUT {}/legacy/restaurants/42/status (same body, SQL and SMS in the request)
                  health        {}/actuator/health
                  dashboard     {}/dashboard (live charts, recent commands, error queue and redrive)
                  Twilio stub   {}
                  local AWS     {}""",
                api, api, key, api, api, api, api, api, properties.twilio().endpoint(), localAws());
    }

    private String localAws() {
        LocalStack inThisJvm = stack.getIfAvailable();
        return inThisJvm != null ? inThisJvm.aws().endpoints().toString()
                : "the stack at " + environment.getProperty(LocalStackInitializer.STACK_URL) + " (another process)";
    }
}
