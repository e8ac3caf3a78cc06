package dev.justsaying.restaurantstatus;

import dev.justsaying.restaurantstatus.worker.SqlMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings, under {@code restaurant-status} (defaults in {@code application.yml}; secrets come
 * from the environment). The bus's settings live under {@code justsaying}; what a process does (API, Worker or
 * both) under {@code restaurant-status.roles}, see {@link OnApiRole} and {@link OnWorkerRole}.
 *
 * @param apiKeys            bearer keys accepted by the write endpoints
 * @param maxIdsPerCommand   the most restaurant ids one bulk command may carry
 * @param maxBodyBytes       the largest request body accepted
 * @param maxRequestsInFlight status-change requests one API process works on at once; more are refused (503)
 * @param retryAfter         what {@code Retry-After} tells clients to wait before polling
 * @param knownRestaurantTtl how long the API trusts that a restaurant it found exists before asking the database
 *                           again (zero: it asks for every request); see the api package's KnownRestaurants
 * @param commandTtl         how long command records are kept
 * @param commandsTable      the DynamoDB table of commands
 * @param commandsQueue      the SQS queue the Worker consumes
 * @param dynamodbEndpoint   a DynamoDB endpoint override (none: the region's AWS endpoint)
 * @param createCommandsTable whether to create the table when missing (local runs), rather than expect it
 * @param worker             the Worker's settings
 * @param sweeper            the sending of commands whose message may never have left
 * @param twilio             the SMS provider's settings
 */
@ConfigurationProperties("restaurant-status")
public record ServiceProperties(
        List<String> apiKeys,
        int maxIdsPerCommand,
        int maxBodyBytes,
        int maxRequestsInFlight,
        Duration retryAfter,
        Duration knownRestaurantTtl,
        Duration commandTtl,
        String commandsTable,
        String commandsQueue,
        URI dynamodbEndpoint,
        boolean createCommandsTable,
        Worker worker,
        Sweeper sweeper,
        Twilio twilio) {

    public ServiceProperties {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(key -> !key.isBlank()).toList();
        knownRestaurantTtl = knownRestaurantTtl == null ? Duration.ZERO : knownRestaurantTtl;
    }

    /** Like the record's own, but with the number of API keys instead of the keys. */
    @Override
    public String toString() {
        return "ServiceProperties[apiKeys=" + apiKeys.size() + " key(s), maxIdsPerCommand=" + maxIdsPerCommand
                + ", maxBodyBytes=" + maxBodyBytes + ", maxRequestsInFlight=" + maxRequestsInFlight
                + ", retryAfter=" + retryAfter + ", knownRestaurantTtl=" + knownRestaurantTtl
                + ", commandTtl=" + commandTtl
                + ", commandsTable=" + commandsTable + ", commandsQueue=" + commandsQueue + ", dynamodbEndpoint="
                + dynamodbEndpoint + ", createCommandsTable=" + createCommandsTable + ", worker=" + worker
                + ", sweeper=" + sweeper + ", twilio=" + twilio + "]";
    }

    /**
     * @param concurrency   commands handled at once by this process (changeable at run time)
     * @param maxReceives   receives before a command goes to the error queue
     * @param firstBackoff  the wait before the second try; it doubles up to {@code maxBackoff}
     * @param maxBackoff    the longest wait between tries
     * @param parallelism   the most SMS and DynamoDB writes the Worker has in flight at once, across all its batches
     *                      (one shared pool; the SMS client gets at least as many connections)
     * @param sqlMode       one statement per target status for a whole batch, or one per command (the baseline)
     */
    public record Worker(int concurrency, int maxReceives, Duration firstBackoff, Duration maxBackoff,
                         int parallelism, SqlMode sqlMode) {

        public Worker {
            if (parallelism < 1) {
                throw new IllegalArgumentException("restaurant-status.worker.parallelism must be at least 1");
            }
            sqlMode = sqlMode == null ? SqlMode.BATCHED : sqlMode;
        }
    }

    /**
     * @param after    a command recorded (or last swept) this long ago whose message is not known to be on the queue
     *                 is sent; longer than the API's send may take
     * @param interval how often an API process looks for such commands
     */
    public record Sweeper(Duration after, Duration interval) { }

    /**
     * @param accountSid  the Twilio account (from {@code TWILIO_ACCOUNT_SID})
     * @param authToken   its token (from {@code TWILIO_AUTH_TOKEN}); never logged
     * @param fromNumber  the sender number
     * @param endpoint    send every Twilio request here instead of api.twilio.com (a stub); none: Twilio itself
     * @param timeout     the longest wait to connect to Twilio and for each of its answers
     */
    public record Twilio(String accountSid, String authToken, String fromNumber, URI endpoint, Duration timeout) {

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", fromNumber=" + fromNumber + ", endpoint=" + endpoint
                    + ", timeout=" + timeout + "]";
        }
    }
}
