package dev.justsaying.restaurantstatus.worker;

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
import org.apache.hc.core5.http.HttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends text messages through the Twilio Java SDK. With an endpoint configured, every request the SDK makes goes
 * there instead of api.twilio.com (the SDK has no base-URL setting, so its HTTP client gets a route planner).
 */
public final class SmsSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);

    private final TwilioRestClient client;
    private final PhoneNumber from;

    public SmsSender(ServiceProperties.Twilio settings) {
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken());
        if (settings.endpoint() != null) {
            builder.httpClient(new NetworkHttpClient(routedTo(settings.endpoint())));
        }
        this.client = builder.build();
        this.from = new PhoneNumber(settings.fromNumber());
    }

    /** Sends {@code text} to {@code phone}; returns Twilio's message id. Throws if Twilio refuses it. */
    public String send(String phone, String text) {
        Message message = Message.creator(new PhoneNumber(phone), from, text).create(client);
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

    private static HttpClientBuilder routedTo(URI endpoint) {
        HttpHost stub = new HttpHost(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort());
        return HttpClientBuilder.create().setRoutePlanner((target, context) -> new HttpRoute(stub));
    }
}
