package dev.justsaying.localaws.sns;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARN of an SQS queue, {@code arn:aws:sqs:<region>:<account>:<name>}: where a subscription delivers. */
record SqsQueueArn(String region, String accountId, String queueName) {

    private static final Pattern ARN = Pattern.compile("arn:aws:sqs:([a-z0-9-]+):([0-9]{12}):([A-Za-z0-9_-]{1,80}(\\.fifo)?)");

    /** Parses a queue ARN; anything else is an {@code InvalidParameter} error on the subscription endpoint. */
    static SqsQueueArn parse(String arn) {
        Matcher matcher = ARN.matcher(arn == null ? "" : arn);
        if (!matcher.matches()) {
            throw SnsException.invalidParameter("SQS endpoint ARN");
        }
        return new SqsQueueArn(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    boolean fifo() {
        return queueName.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return "arn:aws:sqs:" + region + ':' + accountId + ':' + queueName;
    }
}
