package dev.justsaying.restaurantstatus.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A Twilio-compatible SMS endpoint on 127.0.0.1 (WireMock): {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * answers 201 with a Twilio-shaped message after a fixed delay, like a real SMS API. Tests can make it fail.
 */
public final class TwilioStub implements AutoCloseable {

    /** A number the stub always refuses, for commands that can never succeed. */
    public static final String UNDELIVERABLE_NUMBER = "+15005550001";

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

    /**
     * Messages are accepted (201) after the configured delay, except to {@value #UNDELIVERABLE_NUMBER}, which is
     * refused as Twilio refuses an invalid number (400, code 21211) — as Twilio's own test number does.
     */
    public void answerNormally() {
        server.resetMappings();
        refuseTheUndeliverableNumber();
        server.stubFor(messages().willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withFixedDelay((int) delay.toMillis())
                .withBody(MESSAGE_JSON)));
    }

    /** Messages are refused with Twilio's 500 until {@link #answerNormally()}. */
    public void failEveryMessage() {
        server.resetMappings();
        refuseTheUndeliverableNumber();
        server.stubFor(messages().willReturn(aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
    }

    /** Every message request received so far, in order, whatever the answer. */
    public List<LoggedRequest> messageRequests() {
        return server.findAll(postRequestedFor(urlPathMatching(MESSAGES_PATH)));
    }

    /** The messages accepted (201) for this phone number so far: the texts it has really been sent. */
    public long messagesDeliveredTo(String phone) {
        String to = "To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
        return server.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 201)
                .filter(event -> Arrays.asList(event.getRequest().getBodyAsString().split("&")).contains(to))
                .count();
    }

    private void refuseTheUndeliverableNumber() {
        server.stubFor(messages()
                .atPriority(1)
                .withFormParam("To", equalTo(UNDELIVERABLE_NUMBER))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number " + UNDELIVERABLE_NUMBER
                                + " is not a valid phone number.\",\"status\":400}")));
    }

    private static MappingBuilder messages() {
        return post(urlPathMatching(MESSAGES_PATH));
    }

    @Override
    public void close() {
        server.stop();
    }
}
