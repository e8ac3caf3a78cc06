package dev.justsaying.infrastructure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a queue is: a bare name ({@code orders}), a queue URL ({@code https://sqs.eu-west-1.amazonaws.com/
 * 123456789012/orders}, or a local one such as {@code http://127.0.0.1:4566/000000000000/orders}) or an ARN
 * ({@code arn:aws:sqs:eu-west-1:123456789012:orders}).
 *
 * <p>Parsed and checked when it is built, so a misspelt address fails while the bus is configured, not when it
 * starts. A URL is a complete address (nothing needs to be looked up); a name or an ARN is resolved to a URL at
 * start. The region of an ARN, or of an AWS queue URL, must be the region the address is used in.
 */
public final class QueueAddress {

    /** {@code sqs.<region>.amazonaws.com[.cn]} or the legacy {@code <region>.queue.amazonaws.com[.cn]}. */
    private static final Pattern AWS_QUEUE_HOST =
            Pattern.compile("(?:sqs\\.([a-z0-9-]+)|([a-z0-9-]+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");
    private static final String URL_SHAPE =
            "a queue URL reads https://sqs.<region>.amazonaws.com/<12-digit account id>/<queue name>";

    private final String text;
    private final String name;
    private final String url;
    private final String arn;
    private final String region;
    private final String accountId;

    private QueueAddress(String text, String name, String url, String arn, String region, String accountId) {
        this.text = text;
        this.name = name;
        this.url = url;
        this.arn = arn;
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * Parses a queue name, URL or ARN.
     *
     * @throws IllegalArgumentException saying what to change if it is none of them, or the name is invalid
     */
    public static QueueAddress of(String nameUrlOrArn) {
        Objects.requireNonNull(nameUrlOrArn, "a queue name, URL or ARN");
        if (nameUrlOrArn.startsWith("arn:")) {
            AwsNames.Arn arn = AwsNames.parseArn(nameUrlOrArn, "sqs");
            return new QueueAddress(nameUrlOrArn, AwsNames.checkQueueName(arn.name()), null, arn.text(),
                    arn.region(), arn.accountId());
        }
        if (nameUrlOrArn.contains("://")) {
            return fromUrl(nameUrlOrArn);
        }
        return new QueueAddress(nameUrlOrArn, AwsNames.checkQueueName(nameUrlOrArn), null, null, null, null);
    }

    private static QueueAddress fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + URL_SHAPE, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) URL: " + URL_SHAPE);
        }
        String[] segments = uri.getPath() == null ? new String[0] : uri.getPath().replaceFirst("^/", "").split("/");
        if (segments.length != 2 || !AwsNames.isAccountId(segments[0])) {
            throw new IllegalArgumentException("'" + url + "' has no /<account id>/<queue name> path: " + URL_SHAPE);
        }
        String name = AwsNames.checkQueueName(segments[1]);
        return new QueueAddress(url, name, url, null, regionOfHost(uri.getHost()), segments[0]);
    }

    private static String regionOfHost(String host) {
        Matcher matcher = AWS_QUEUE_HOST.matcher(host);
        if (!matcher.matches()) {
            return null;
        }
        String region = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return AwsNames.isRegion(region) ? region : null;
    }

    /** The queue's name, whichever form the address was given in. */
    public String name() {
        return name;
    }

    /** The queue URL, if the address was given as one. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The queue ARN, if the address was given as one. */
    public Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    /** The region named by an ARN or an AWS queue URL; empty for a name or a local URL. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The account id of an ARN or a queue URL; empty for a name. */
    public Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    /** Whether this is a FIFO queue: its name ends with {@code .fifo}. */
    public boolean isFifo() {
        return AwsNames.isFifo(name);
    }

    /** The queue named {@code otherName} in the same account (and at the same host, for a URL). */
    QueueAddress sibling(String otherName) {
        AwsNames.checkQueueName(otherName);
        if (url != null) {
            return of(url.substring(0, url.lastIndexOf('/') + 1) + otherName);
        }
        if (arn != null) {
            return of(arn.substring(0, arn.lastIndexOf(':') + 1) + otherName);
        }
        return of(otherName);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueAddress address && text.equals(address.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The address as it was given. */
    @Override
    public String toString() {
        return text;
    }
}
