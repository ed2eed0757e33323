package org.hyperiot.streaming.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Karaf's boot as {@code /health} shows it. Karaf starts the bundles of its boot features one by one
 * and registers {@code org.apache.karaf.features.BootFinished} once they are all installed and started.
 * Until then a component whose bundle has not started yet (the saga coordinator, the Storm connector)
 * is missing from the health rather than down, and a node answering UP would be taken for ready too
 * early, by {@code ./streaming start} as by a load balancer. So the node is DOWN until the boot is done.
 *
 * <p>Outside Karaf (no features service in the framework) there is no boot to wait for and no such
 * component. The service names are looked up as strings: this bundle does not import Karaf's features
 * packages.
 */
final class KarafBoot {

    /** The component's name in {@code /health}. */
    static final String COMPONENT = "karaf";

    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";
    static final String FEATURES_SERVICE = "org.apache.karaf.features.FeaturesService";
    static final String INSTALLING = "Karaf is still installing and starting its boot features "
            + "(featuresBoot in etc/org.apache.karaf.features.cfg); components of bundles not started yet are missing";

    private final Predicate<String> registered;
    // Once finished, Karaf stays booted: the lookup is not made again.
    private volatile boolean finished;

    /** @param registered whether a service is registered under the given class name */
    KarafBoot(Predicate<String> registered) {
        this.registered = registered;
    }

    static KarafBoot of(BundleContext context) {
        return new KarafBoot(objectClass -> {
            try {
                return context.getServiceReferences((String) null,
                        "(" + Constants.OBJECTCLASS + "=" + objectClass + ")") != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            } catch (IllegalStateException e) {
                // This bundle is stopping: its answer no longer matters.
                return false;
            }
        });
    }

    /** A boot that is never waited for: outside OSGi, as in unit tests. */
    static KarafBoot none() {
        return new KarafBoot(objectClass -> false);
    }

    /** The {@code karaf} component of {@code /health}, or {@code null} outside Karaf. */
    Map<String, Object> component() {
        if (!finished && registered.test(BOOT_FINISHED)) {
            finished = true;
        }
        if (!finished && !registered.test(FEATURES_SERVICE)) {
            return null;
        }
        Map<String, Object> karaf = new LinkedHashMap<>();
        karaf.put("status", finished ? "UP" : "DOWN");
        if (!finished) {
            karaf.put("error", INSTALLING);
        }
        karaf.put("bootFeatures", finished ? "started" : "starting");
        return karaf;
    }
}
