package dev.justsaying.restaurantstatus.worker;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends text messages through the Twilio Java SDK, and reads Twilio's message log. With an endpoint configured,
 * every request the SDK makes goes there instead of api.twilio.com (the SDK has no base-URL setting, so its HTTP
 * client gets a route planner).
 */
public final class SmsSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    /** What the Twilio SDK's own NetworkHttpClient allows (13.0.1). */
    private static final int SDK_CONNECTIONS_PER_ROUTE = 20;
    private static final int SDK_CONNECTIONS_IN_ALL = 100;

    private final TwilioRestClient client;
    private final PhoneNumber from;

    /**
     * @param concurrentSends how many texts are expected in flight at once (the Worker's parallelism): the
     *                        connection pool gets at least that many
     */
    public SmsSender(ServiceProperties.Twilio settings, int concurrentSends) {
        this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(new NetworkHttpClient(httpClient(settings.endpoint(), settings.timeout(), concurrentSends)))
                .build();
        this.from = new PhoneNumber(settings.fromNumber());
    }

    /** Sends {@code text} to {@code phone}; returns Twilio's message id. Throws if Twilio refuses it. */
    public String send(String phone, String text) {
        Message message;
        try {
            message = Message.creator(new PhoneNumber(phone), from, text).create(client);
        } catch (ApiException refused) {
            // Twilio names the number in its message, which goes to logs and to the command's error detail
            throw new ApiException(String.valueOf(refused.getMessage()).replace(phone, mask(phone)),
                    refused.getStatusCode());
        }
        log.debug("SMS {} to {}", message.getSid(), mask(phone));
        return message.getSid();
    }

    /**
     * Whether Twilio's message log shows {@code text} accepted for {@code phone} at or after {@code since}: the
     * answer to "did a send whose outcome we never learned go through?". The log is read by {@code To}, newest
     * first, and read no further back than {@code since}: a message waiting in Twilio's queue has no {@code
     * date_sent} yet, so its {@code date_created} is compared, not the {@code DateSent} filter. Throws if the log
     * cannot be read (the caller then tries again later rather than risk a second text).
     */
    public boolean alreadySent(String phone, String text, Instant since) {
        for (Message message : Message.reader().setTo(new PhoneNumber(phone)).read(client)) {
            if (message.getDateCreated() == null || message.getDateCreated().toInstant().isBefore(since)) {
                return false;
            }
            if (text.equals(message.getBody())) {
                log.info("SMS {} to {} was accepted by Twilio before; not sent again", message.getSid(), mask(phone));
                return true;
            }
        }
        return false;
    }

    /** What a restaurant is told when its status has changed. */
    public static String statusChangeText(Restaurant restaurant, String reason) {
        String status = restaurant.status().name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return restaurant.name() + " is now " + status + (reason == null || reason.isBlank() ? "." : ": " + reason);
    }

    /** A phone number as it may appear in logs: its last three digits. */
    public static String mask(String phone) {
        return phone == null || phone.length() < 4 ? "***" : "***" + phone.substring(phone.length() - 3);
    }

    /**
     * The SDK's HTTP client with a deadline on every call: connecting, and waiting for each answer, take at most
     * {@code timeout} (a Twilio that hangs fails the try instead of holding the Worker). The connection pool is at
     * least the one the SDK gives its own client (20 per route, 100 in all) and at least {@code concurrentSends} per
     * route: Apache's default of 5 per route would cap SMS at 5 in flight, and a pool smaller than the Worker's
     * parallelism would make its threads queue for connections. With an {@code endpoint}, every request goes there
     * instead of api.twilio.com (a stub).
     */
    private static HttpClientBuilder httpClient(URI endpoint, Duration timeout, int concurrentSends) {
        Timeout deadline = Timeout.of(timeout);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(Math.max(SDK_CONNECTIONS_PER_ROUTE, concurrentSends))
                .setMaxConnTotal(Math.max(SDK_CONNECTIONS_IN_ALL, concurrentSends))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(deadline).setSocketTimeout(deadline).build())
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(deadline).setResponseTimeout(deadline).build());
        if (endpoint != null) {
            HttpHost stub = new HttpHost(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort());
            builder.setRoutePlanner((target, context) -> new HttpRoute(stub));
        }
        return builder;
    }
}
