package dev.justsaying.infrastructure;

import java.util.regex.Pattern;

/**
 * The naming rules of SQS and SNS and the shape of their ARNs, in one place so that addresses, naming conventions
 * and the startup tasks agree on them, and every rejection says what to change.
 */
final class AwsNames {

    static final String FIFO_SUFFIX = ".fifo";
    static final int MAX_QUEUE_NAME = 80;
    static final int MAX_TOPIC_NAME = 256;

    private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern NOT_NAME_CHARACTER = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private AwsNames() {
    }

    /** Checks an SQS queue name and returns it; the message of a rejection proposes a valid name. */
    static String checkQueueName(String name) {
        return checkName(name, "an SQS queue", MAX_QUEUE_NAME);
    }

    /** Checks an SNS topic name and returns it; the message of a rejection proposes a valid name. */
    static String checkTopicName(String name) {
        return checkName(name, "an SNS topic", MAX_TOPIC_NAME);
    }

    private static String checkName(String name, String kind, int maxLength) {
        if (name == null) {
            throw new IllegalArgumentException(kind + " name is required");
        }
        String base = isFifo(name) ? name.substring(0, name.length() - FIFO_SUFFIX.length()) : name;
        if (NAME_CHARACTERS.matcher(base).matches() && name.length() <= maxLength) {
            return name;
        }
        String rule = "use 1 to " + maxLength + " characters from A-Z a-z 0-9 _ - (the suffix " + FIFO_SUFFIX
                + " included, which a FIFO name must end with)";
        String suffix = name.substring(base.length());
        String suggestion = suggestion(base, suffix.length(), maxLength);
        String example = suggestion.isEmpty() ? "" : ", e.g. '" + suggestion + suffix + "'";
        throw new IllegalArgumentException("'" + name + "' is not a valid name for " + kind + ": " + rule + example);
    }

    private static String suggestion(String base, int suffixLength, int maxLength) {
        String cleaned = NOT_NAME_CHARACTER.matcher(base).replaceAll("_");
        int room = Math.max(0, maxLength - suffixLength);
        return cleaned.length() > room ? cleaned.substring(0, room) : cleaned;
    }

    static boolean isFifo(String name) {
        return name.endsWith(FIFO_SUFFIX);
    }

    /** The partition of a region: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
    static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    static String arn(String service, String region, String accountId, String name) {
        return "arn:" + partitionOf(region) + ":" + service + ":" + region + ":" + accountId + ":" + name;
    }

    static boolean isRegion(String text) {
        return REGION.matcher(text).matches();
    }

    static boolean isAccountId(String text) {
        return ACCOUNT_ID.matcher(text).matches();
    }

    /** The name at the end of an ARN, or the text itself if it is no ARN. */
    static String nameOfArn(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /**
     * Parses {@code arn:<partition>:<service>:<region>:<account>:<name>} for the given service; an ARN of another
     * service or with a malformed part is rejected with the expected shape.
     */
    static Arn parseArn(String text, String service) {
        String[] parts = text.split(":", -1);
        String shape = "an " + service.toUpperCase() + " ARN reads arn:aws:" + service
                + ":<region>:<12-digit account id>:<name>";
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an ARN: " + shape);
        }
        if (!parts[2].equals(service)) {
            throw new IllegalArgumentException("'" + text + "' is an ARN of " + parts[2] + ", not of " + service
                    + ": " + shape);
        }
        if (!isRegion(parts[3])) {
            throw new IllegalArgumentException("'" + text + "' has no valid region (like eu-west-1): " + shape);
        }
        if (!isAccountId(parts[4])) {
            throw new IllegalArgumentException("'" + text + "' has no valid account id: " + shape);
        }
        return new Arn(text, parts[3], parts[4], parts[5]);
    }

    /** The parts of an ARN that addresses need. */
    record Arn(String text, String region, String accountId, String name) {
    }
}
