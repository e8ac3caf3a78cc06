package dev.justsaying.restaurantstatus.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live dashboard's settings, under {@code restaurant-status.dashboard} (defaults in {@code application.yml}).
 *
 * @param sampleInterval how often the metrics are sampled into the charts' history (also the page's refresh)
 * @param history        how many samples are kept and charted
 * @param recentCommands how many of the latest accepted commands the table shows
 * @param errorQueuePeek the most error-queue messages shown per region
 * @param openReads      whether the command table and the error-queue peek may be read without the API key (the
 *                       local profile); the summary of metrics is always open, like {@code /actuator/prometheus}
 */
@ConfigurationProperties("restaurant-status.dashboard")
public record DashboardProperties(Duration sampleInterval, int history, int recentCommands, int errorQueuePeek,
                                  boolean openReads) {
}
