package dev.justsaying.infrastructure;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a topic is: a bare name ({@code orderplaced}) or an ARN ({@code arn:aws:sns:eu-west-1:123456789012:
 * orderplaced}).
 *
 * <p>Parsed and checked when it is built, so a misspelt address fails while the bus is configured. An ARN is a
 * complete address; a name is resolved to an ARN at start. The region of an ARN must be the region the address is
 * used in.
 */
public final class TopicAddress {

    private final String name;
    private final String arn;
    private final String region;
    private final String accountId;

    private TopicAddress(String name, String arn, String region, String accountId) {
        this.name = name;
        this.arn = arn;
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * Parses a topic name or ARN.
     *
     * @throws IllegalArgumentException saying what to change if it is neither, or the name is invalid
     */
    public static TopicAddress of(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "a topic name or ARN");
        if (nameOrArn.startsWith("arn:")) {
            AwsNames.Arn arn = AwsNames.parseArn(nameOrArn, "sns");
            return new TopicAddress(AwsNames.checkTopicName(arn.name()), arn.text(), arn.region(), arn.accountId());
        }
        return new TopicAddress(AwsNames.checkTopicName(nameOrArn), null, null, null);
    }

    /** The topic's name, whichever form the address was given in. */
    public String name() {
        return name;
    }

    /** The topic ARN, if the address was given as one. */
    public Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    /** The region named by the ARN; empty for a name. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The account id named by the ARN; empty for a name. */
    public Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    /** Whether this is a FIFO topic: its name ends with {@code .fifo}. */
    public boolean isFifo() {
        return AwsNames.isFifo(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicAddress address && toString().equals(address.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The address as it was given. */
    @Override
    public String toString() {
        return arn != null ? arn : name;
    }
}
