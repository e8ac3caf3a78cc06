package dev.justsaying.publish;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where messages of one type go: a destination per region (the same topic or queue name in each), and the region
 * to use, asked on every publish so the active region can change while the bus runs.
 */
public final class Publication {

    private final Class<?> messageType;
    private final Map<String, PublishTarget> targetsByRegion;
    private final Supplier<String> activeRegion;

    public Publication(Class<?> messageType, Map<String, PublishTarget> targetsByRegion, Supplier<String> activeRegion) {
        this.messageType = Objects.requireNonNull(messageType, "messageType");
        this.targetsByRegion = Map.copyOf(targetsByRegion);
        this.activeRegion = Objects.requireNonNull(activeRegion, "activeRegion");
        if (targetsByRegion.isEmpty()) {
            throw new IllegalArgumentException("a publication of " + messageType.getName() + " needs a destination");
        }
    }

    public Class<?> messageType() {
        return messageType;
    }

    public Map<String, PublishTarget> targetsByRegion() {
        return targetsByRegion;
    }

    /** The destination in the region active now. */
    PublishTarget activeTarget() {
        String region = activeRegion.get();
        PublishTarget target = targetsByRegion.get(region);
        if (target == null) {
            throw new PublishException("the active region is '" + region + "' but " + messageType.getSimpleName()
                    + " is only published in " + targetsByRegion.keySet());
        }
        return target;
    }

    @Override
    public String toString() {
        return messageType.getSimpleName() + " → " + targetsByRegion.values();
    }
}
