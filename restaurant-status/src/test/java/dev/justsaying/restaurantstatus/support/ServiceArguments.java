package dev.justsaying.restaurantstatus.support;

import dev.justsaying.localaws.LocalRegion;
import dev.justsaying.restaurantstatus.local.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line arguments that start restaurant-status on a profile of its own (not {@code local}, so it starts no
 * stack) with one role, pointed at a {@link LocalStack} that runs elsewhere: its regions' SQS and SNS, DynamoDB, the
 * database and the Twilio stub. The AWS credentials are the stack's placeholders; a process in this JVM registers
 * them as a bean, a child process gets them from its environment ({@link #AWS_ENVIRONMENT}).
 */
public final class ServiceArguments {

    /** The local stack's placeholder credentials, as the AWS SDK's default chain reads them from the environment. */
    public static final Map<String, String> AWS_ENVIRONMENT =
            Map.of("AWS_ACCESS_KEY_ID", "localaws", "AWS_SECRET_ACCESS_KEY", "localaws");

    private ServiceArguments() {
    }

    /** Arguments for a process with this {@code role} ({@code api} or {@code worker}) on {@code profile}. */
    public static List<String> pointedAt(LocalStack stack, String profile, String role) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=" + profile,
                "--restaurant-status.roles=" + role,
                "--restaurant-status.api-keys=" + RunningService.API_KEY,
                "--restaurant-status.worker.first-backoff=1s",
                "--restaurant-status.worker.max-backoff=2s",
                "--restaurant-status.worker.max-receives=5",        // tests reach the error queue in ~7 s
                "--restaurant-status.dynamodb-endpoint=" + stack.aws().dynamoDbEndpoint(),
                "--restaurant-status.twilio.account-sid=ACLOCAL0000000000000000000000000000",
                "--restaurant-status.twilio.auth-token=local-placeholder-token",
                "--restaurant-status.twilio.from-number=+15005550006",
                "--restaurant-status.twilio.endpoint=" + stack.twilio().endpoint(),
                "--spring.datasource.url=" + stack.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.flyway.enabled=false"));
        List<String> regions = new ArrayList<>();
        for (LocalRegion region : stack.aws().regions()) {
            regions.add(region.name());
            args.add("--justsaying.endpoints." + region.name() + ".sqs=" + region.sqsEndpoint());
            args.add("--justsaying.endpoints." + region.name() + ".sns=" + region.snsEndpoint());
        }
        args.add("--justsaying.regions=" + String.join(",", regions));
        return args;
    }
}
