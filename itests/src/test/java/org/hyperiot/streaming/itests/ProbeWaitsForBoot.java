package org.hyperiot.streaming.itests;

import java.time.Duration;

import org.ops4j.pax.exam.TestProbeBuilder;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The probe's activator: the probe bundle starts only once Karaf has started its boot features.
 *
 * <p>Pax Exam installs the probe as soon as the framework runs, while Karaf may still be installing
 * the boot features (PAXEXAM-765). A test class loaded in that window, while a feature refreshes a
 * bundle whose packages the class uses, fails to load: CI saw {@code ClassNotFoundException:
 * org.apache.karaf.shell.api.console.Session not found by PAXEXAM-PROBE-…} in one test of a class whose
 * other tests passed. Karaf registers {@code org.apache.karaf.features.BootFinished} when the boot is
 * done; it is looked up by name, so the probe wires to nothing a refresh could take away.
 */
public final class ProbeWaitsForBoot implements BundleActivator {

    private static final String BOOT_FINISHED = "(" + Constants.OBJECTCLASS + "=org.apache.karaf.features.BootFinished)";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** For a test class's {@code @ProbeBuilder} method: the probe gets this activator. */
    public static TestProbeBuilder onProbe(TestProbeBuilder probe) {
        probe.setHeader(Constants.BUNDLE_ACTIVATOR, ProbeWaitsForBoot.class.getName());
        return probe;
    }

    @Override
    public void start(BundleContext context) throws Exception {
        ServiceTracker<Object, Object> boot = new ServiceTracker<>(context, context.createFilter(BOOT_FINISHED), null);
        // All services: the probe has no wire to Karaf's features package, and must not get one.
        boot.open(true);
        try {
            if (boot.waitForService(TIMEOUT.toMillis()) == null) {
                throw new IllegalStateException("Karaf did not finish its boot features within " + TIMEOUT.toSeconds()
                        + " s; see data/log/karaf.log of the test container");
            }
        } finally {
            boot.close();
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
