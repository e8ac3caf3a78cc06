package dev.justsaying.restaurantstatus.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A Twilio-compatible SMS endpoint on 127.0.0.1 (WireMock): {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * answers 201 with a Twilio-shaped message after a fixed delay, like a real SMS API. Tests can make it fail.
 */
public final class TwilioStub implements AutoCloseable {

    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/[^/]+/Messages\\.json";
    private static final String MESSAGE_JSON = """
            {"sid":"SM00000000000000000000000000000000","account_sid":"AC00000000000000000000000000000000",
             "status":"queued","num_segments":"1","direction":"outbound-api","api_version":"2010-04-01",
             "date_created":"Sun, 22 Nov 2026 00:00:00 +0000","price":null,"error_code":null}
            """;

    private final WireMockServer server;
    private final Duration delay;

    private TwilioStub(WireMockServer server, Duration delay) {
        this.server = server;
        this.delay = delay;
    }

    /** Starts the stub on a free port; every message is answered after {@code delay}. */
    public static TwilioStub start(Duration delay) {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort());
        server.start();
        TwilioStub stub = new TwilioStub(server, delay);
        stub.answerNormally();
        return stub;
    }

    /** Where to send Twilio requests instead of api.twilio.com. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Messages are accepted (201) after the configured delay. */
    public void answerNormally() {
        server.resetMappings();
        server.stubFor(messages().willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withFixedDelay((int) delay.toMillis())
                .withBody(MESSAGE_JSON)));
    }

    /** Messages are refused with Twilio's 500 until {@link #answerNormally()}. */
    public void failEveryMessage() {
        server.resetMappings();
        server.stubFor(messages().willReturn(aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
    }

    /** Every message request received so far, in order. */
    public List<LoggedRequest> messageRequests() {
        return server.findAll(postRequestedFor(urlPathMatching(MESSAGES_PATH)));
    }

    private static MappingBuilder messages() {
        return post(urlPathMatching(MESSAGES_PATH));
    }

    @Override
    public void close() {
        server.stop();
    }
}
