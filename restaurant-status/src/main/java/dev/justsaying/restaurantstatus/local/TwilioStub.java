package dev.justsaying.restaurantstatus.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Twilio-compatible SMS endpoint on 127.0.0.1 (WireMock): {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * answers 201 with a Twilio-shaped message after a fixed delay, like a real SMS API. The delay holds no server thread
 * (asynchronous responses) and connections are kept alive, so the stub itself does not cap how many texts are in
 * flight. Tests can make it fail, and see how many message requests it had in progress at once.
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
    private final MessagesInFlight inFlight;

    private TwilioStub(WireMockServer server, Duration delay, MessagesInFlight inFlight) {
        this.server = server;
        this.delay = delay;
        this.inFlight = inFlight;
    }

    /** Starts the stub on a free port; every message is answered after {@code delay}. */
    public static TwilioStub start(Duration delay) {
        MessagesInFlight inFlight = new MessagesInFlight();
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(4)
                .disableConnectionReuse(false)
                .extensions(inFlight));
        server.start();
        TwilioStub stub = new TwilioStub(server, delay, inFlight);
        stub.answerNormally();
        return stub;
    }

    /** Where to send Twilio requests instead of api.twilio.com. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Messages are accepted (201) after the configured delay, except to {@value #UNDELIVERABLE_NUMBER}, which is
     * refused as Twilio refuses an invalid number (400, code 21211) — as Twilio's own test number does. Nothing is
     * held any more.
     */
    public void answerNormally() {
        inFlight.release();
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

    /**
     * From now on, holds each message request before answering it until {@code count} of them are held at once, then
     * lets them all go (later ones pass at once). If that many never meet, each held request goes on after
     * {@code atMost}. Also starts {@link #mostMessagesInFlight()} afresh. Tests use it to show that texts go out
     * together without depending on timing.
     */
    public void holdMessagesUntilInFlight(int count, Duration atMost) {
        inFlight.holdUntil(count, atMost);
    }

    /** The most message requests in progress at once since the stub started or since the last hold was set. */
    public int mostMessagesInFlight() {
        return inFlight.most.get();
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

    /** Counts message requests from their arrival to their answer, and holds them back when asked to. */
    private static final class MessagesInFlight implements ServeEventListener {

        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private volatile CountDownLatch hold;
        private volatile Duration holdAtMost = Duration.ZERO;

        void holdUntil(int count, Duration atMost) {
            holdAtMost = atMost;
            hold = new CountDownLatch(count);
            most.set(now.get());
        }

        void release() {
            CountDownLatch gate = hold;
            hold = null;
            if (gate != null) {
                while (gate.getCount() > 0) {
                    gate.countDown();
                }
            }
        }

        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            if (!isMessage(event)) {
                return;
            }
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            CountDownLatch gate = hold;
            if (gate != null) {
                gate.countDown();
                try {
                    gate.await(holdAtMost.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            if (isMessage(event)) {
                now.decrementAndGet();
            }
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "messages-in-flight";
        }

        private static boolean isMessage(ServeEvent event) {
            return RequestMethod.POST.equals(event.getRequest().getMethod())
                    && event.getRequest().getUrl().matches(MESSAGES_PATH);
        }
    }
}
