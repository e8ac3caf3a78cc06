package dev.justsaying.restaurantstatus.worker;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import java.net.URI;
import java.util.Locale;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends text messages through the Twilio Java SDK. With an endpoint configured, every request the SDK makes goes
 * there instead of api.twilio.com (the SDK has no base-URL setting, so its HTTP client gets a route planner).
 */
public final class SmsSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    /** What the Twilio SDK's own NetworkHttpClient allows (13.0.1). */
    private static final int SDK_CONNECTIONS_PER_ROUTE = 20;
    private static final int SDK_CONNECTIONS_IN_ALL = 100;

    private final TwilioRestClient client;
    private final PhoneNumber from;

    /**
     * @param concurrentSends how many texts are expected in flight at once (the Worker's parallelism): a stub
     *                        route gets at least that many connections
     */
    public SmsSender(ServiceProperties.Twilio settings, int concurrentSends) {
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken());
        if (settings.endpoint() != null) {
            builder.httpClient(new NetworkHttpClient(routedTo(settings.endpoint(), concurrentSends)));
        }
        this.client = builder.build();
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
     * An HTTP client that sends everything to {@code endpoint}, with at least the connection pool the SDK gives its
     * own client (20 per route, 100 in all) and at least {@code concurrentSends} per route: Apache's default of 5 per
     * route would cap SMS at 5 in flight, 25/s against a 200 ms stub, and a pool smaller than the Worker's
     * parallelism would make its threads queue for connections.
     */
    private static HttpClientBuilder routedTo(URI endpoint, int concurrentSends) {
        HttpHost stub = new HttpHost(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(Math.max(SDK_CONNECTIONS_PER_ROUTE, concurrentSends))
                .setMaxConnTotal(Math.max(SDK_CONNECTIONS_IN_ALL, concurrentSends))
                .build();
        return HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setRoutePlanner((target, context) -> new HttpRoute(stub));
    }
}
