package dev.ecslabs.emulator.autoscaling;

import dev.ecslabs.emulator.state.KeyedArea;
import dev.ecslabs.emulator.state.AccountRegion;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;

/** The scalable targets of one account and region, by service namespace, resource id and dimension. */
public final class ScalableTargets extends KeyedArea<ScalableTarget> {
    private ScalableTargets(AccountRegion region) {
        super(region, ScalableTarget.class);
    }

    public static ScalableTargets of(AccountRegion region) {
        return region.area(ScalableTargets.class, ScalableTargets::new);
    }

    static String key(String namespace, String resourceId, String dimension) {
        return namespace + "|" + resourceId + "|" + dimension;
    }

    public Optional<ScalableTarget> find(String namespace, String resourceId, String dimension) {
        return get(key(namespace, resourceId, dimension));
    }

    void put(ScalableTarget target) {
        put(key(target.serviceNamespaceAsString(), target.resourceId(), target.scalableDimensionAsString()), target);
    }

    void remove(ScalableTarget target) {
        remove(key(target.serviceNamespaceAsString(), target.resourceId(), target.scalableDimensionAsString()));
    }

    public List<ScalableTarget> all() {
        return values();
    }
}
