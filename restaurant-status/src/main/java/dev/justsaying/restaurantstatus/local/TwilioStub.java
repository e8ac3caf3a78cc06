package dev.justsaying.restaurantstatus.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Twilio-compatible SMS endpoint on 127.0.0.1 (WireMock): {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * answers 201 with a Twilio-shaped message after a fixed delay, like a real SMS API, and {@code GET} on the same path
 * lists the messages it has accepted (newest first, filtered by {@code To}), like Twilio's message log. A message
 * counts as accepted when its request arrives, whether or not its answer reaches the caller. The delay holds no
 * server thread (asynchronous responses) and connections are kept alive, so the stub itself does not cap how many
 * texts are in flight. Tests can make it fail or hang, and see how many message requests it had in progress at once.
 */
public final class TwilioStub implements AutoCloseable {

    /** A number the stub always refuses, for commands that can never succeed. */
    public static final String UNDELIVERABLE_NUMBER = "+15005550001";

    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/[^/]+/Messages\\.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Twilio's dates (RFC 2822). */
    private static final DateTimeFormatter TWILIO_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private final WireMockServer server;
    private final Duration delay;
    private final MessageLog log;
    private final MessagesInFlight inFlight;

    private TwilioStub(WireMockServer server, Duration delay, MessageLog log, MessagesInFlight inFlight) {
        this.server = server;
        this.delay = delay;
        this.log = log;
        this.inFlight = inFlight;
    }

    /** Starts the stub on a free port; every message is answered after {@code delay}. */
    public static TwilioStub start(Duration delay) {
        MessageLog log = new MessageLog();
        MessagesInFlight inFlight = new MessagesInFlight();
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(4)
                .disableConnectionReuse(false)
                .extensions(log.acceptor(), log.lister(), inFlight));
        server.start();
        TwilioStub stub = new TwilioStub(server, delay, log, inFlight);
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
        accept(delay);
    }

    /**
     * Messages are accepted (and logged) but answered only after {@code delay}: longer than the caller waits, the
     * text is sent while the caller sees a timeout — until {@link #answerNormally()}.
     */
    public void acceptButAnswerAfter(Duration delay) {
        accept(delay);
    }

    private void accept(Duration answerDelay) {
        server.resetMappings();
        refuseTheUndeliverableNumber();
        listMessages();
        server.stubFor(messages().willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withFixedDelay((int) answerDelay.toMillis())
                .withTransformers(MessageLog.ACCEPT)));
    }

    /** Messages are refused with Twilio's 500 until {@link #answerNormally()}. */
    public void failEveryMessage() {
        server.resetMappings();
        refuseTheUndeliverableNumber();
        listMessages();
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

    /** Every message the stub has accepted so far (201), in the order they arrived. */
    public List<AcceptedMessage> acceptedMessages() {
        return List.copyOf(log.accepted);
    }

    /** How many times the message log has been read (Twilio's list of messages). */
    public long messageLogReads() {
        return server.findAll(getRequestedFor(urlPathMatching(MESSAGES_PATH))).size();
    }

    /** How many times the message log has been read for the texts to this phone number. */
    public long messageLogReadsFor(String phone) {
        return server.findAll(getRequestedFor(urlPathMatching(MESSAGES_PATH)).withQueryParam("To", equalTo(phone)))
                .size();
    }

    private void listMessages() {
        server.stubFor(get(urlPathMatching(MESSAGES_PATH)).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers(MessageLog.LIST)));
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

    /**
     * A message the stub accepted.
     *
     * @param sid         its Twilio id
     * @param to          the number it was sent to
     * @param body        its text
     * @param dateCreated when it arrived
     */
    public record AcceptedMessage(String sid, String to, String body, ZonedDateTime dateCreated) { }

    /** The accepted messages, filled and read by two WireMock response transformers. */
    private static final class MessageLog {

        static final String ACCEPT = "twilio-accept-message";
        static final String LIST = "twilio-list-messages";

        private final List<AcceptedMessage> accepted = new CopyOnWriteArrayList<>();

        ResponseDefinitionTransformerV2 acceptor() {
            return new Transformer(ACCEPT, event -> {
                Map<String, String> form = formOf(event.getRequest().getBodyAsString());
                AcceptedMessage message = new AcceptedMessage(
                        "SM" + UUID.randomUUID().toString().replace("-", ""), form.get("To"), form.get("Body"),
                        ZonedDateTime.now(ZoneOffset.UTC));
                accepted.add(message);
                return json(message).toString();
            });
        }

        ResponseDefinitionTransformerV2 lister() {
            return new Transformer(LIST, event -> {
                String to = event.getRequest().queryParameter("To").isPresent()
                        ? event.getRequest().queryParameter("To").firstValue() : null;
                ObjectNode page = JSON.createObjectNode();
                ArrayNode messages = page.putArray("messages");
                List<AcceptedMessage> newestFirst = new ArrayList<>(accepted);
                Collections.reverse(newestFirst);
                newestFirst.stream()
                        .filter(message -> to == null || to.equals(message.to()))
                        .forEach(message -> messages.add(json(message)));
                page.put("uri", event.getRequest().getUrl());
                page.put("first_page_uri", event.getRequest().getUrl());
                page.putNull("next_page_uri");
                page.putNull("previous_page_uri");
                page.put("page", 0);
                page.put("page_size", messages.size());
                return page.toString();
            });
        }

        private static ObjectNode json(AcceptedMessage message) {
            ObjectNode node = JSON.createObjectNode();
            node.put("sid", message.sid());
            node.put("account_sid", "AC00000000000000000000000000000000");
            node.put("to", message.to());
            node.put("body", message.body());
            node.put("status", "queued");
            node.put("num_segments", "1");
            node.put("direction", "outbound-api");
            node.put("api_version", "2010-04-01");
            node.put("date_created", TWILIO_DATE.format(message.dateCreated()));
            return node;
        }

        private static Map<String, String> formOf(String body) {
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
    }

    /** A named transformer that gives the stubbed answer the body {@code body} computes from the request. */
    private record Transformer(String name, Function<ServeEvent, String> body)
            implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withBody(body.apply(event)).build();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
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
