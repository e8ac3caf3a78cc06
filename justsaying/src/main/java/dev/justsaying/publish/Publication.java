package dev.justsaying.publish;

import dev.justsaying.region.ActiveRegion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where messages of one type go: a destination per region (the same topic or queue name in each), tried in the order
 * the {@link ActiveRegion} gives on every publish, so the active region can change while the bus runs — or, when it
 * publishes everywhere, sent to each of them.
 */
public final class Publication {

    private final Class<?> messageType;
    private final Map<String, PublishTarget> targetsByRegion;
    private final ActiveRegion activeRegion;
    private final boolean everywhere;

    /** @param everywhere whether each message goes to every region (see {@code FailoverStrategy}) */
    public Publication(Class<?> messageType, Map<String, PublishTarget> targetsByRegion, ActiveRegion activeRegion,
                       boolean everywhere) {
        this.messageType = Objects.requireNonNull(messageType, "messageType");
        this.targetsByRegion = new ConcurrentHashMap<>(targetsByRegion);
        this.activeRegion = Objects.requireNonNull(activeRegion, "activeRegion");
        this.everywhere = everywhere;
        if (targetsByRegion.isEmpty()) {
            throw new IllegalArgumentException("a publication of " + messageType.getName() + " needs a destination");
        }
    }

    public Class<?> messageType() {
        return messageType;
    }

    /** Adds a region's destination once its infrastructure exists (a region that was down when the bus started). */
    public void addTarget(PublishTarget target) {
        targetsByRegion.put(target.region(), target);
    }

    ActiveRegion activeRegion() {
        return activeRegion;
    }

    /** Whether each message goes to every region rather than to the first that takes it. */
    boolean publishesEverywhere() {
        return everywhere;
    }

    /**
     * The destinations to try for one publish: when publishing everywhere or with automatic failover every region
     * that has one, healthy ones first; otherwise only the active region's.
     */
    List<PublishTarget> targetsInPublishOrder() {
        List<String> order = activeRegion.publishOrder();
        List<String> regions = everywhere || activeRegion.isAutomatic() ? order : order.subList(0, 1);
        List<PublishTarget> targets = regions.stream().map(targetsByRegion::get).filter(Objects::nonNull).toList();
        if (targets.isEmpty()) {
            throw new PublishException(messageType.getSimpleName() + " has no destination in " + regions
                    + " (it is published in " + targetsByRegion.keySet() + ")");
        }
        return targets;
    }

    @Override
    public String toString() {
        return messageType.getSimpleName() + " → " + targetsByRegion.values();
    }
}
