package org.hyperiot.streaming.localstorm;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One daemon of a local Apache Storm on one machine: {@code zookeeper}, {@code nimbus} or
 * {@code supervisor}, each run as a process of its own by {@code bin/streaming} (and by the tests), all
 * three bound to {@code 127.0.0.1}. The Supervisor starts each worker as a JVM of its own, with
 * {@code $JAVA_HOME/bin/java} and the Storm home's {@code lib-worker/} as classpath.
 *
 * <p>Nimbus and the Supervisor write {@code HOME/conf/storm.yaml} from the settings at every start
 * (so every daemon and worker reads the same configuration) and keep their state under
 * {@code HOME/data}, ZooKeeper under {@code HOME/zookeeper}; logs go to {@code HOME/logs}. SIGTERM
 * stops a daemon; stopping the Supervisor leaves its workers running (Storm's design: a restarted
 * Supervisor takes them over), so whoever stops everything stops the workers too.
 *
 * <pre>
 * java -cp 'lib/storm/lib/*:lib/storm/lib-worker/*' org.hyperiot.streaming.localstorm.EmbeddedStorm \
 *      zookeeper|nimbus|supervisor --home DIR [--zookeeper-port 6626] [--nimbus-port 6627]
 *      [--supervisor-port 6628] [--slots 2] [--first-slot-port 6700] [--worker-heap-mb 256]
 *      [--override key=value]...
 * </pre>
 *
 * <p>The Storm home (the folder with {@code lib-worker/} and {@code log4j2/}) is the parent of this
 * class's jar folder, or the {@code storm.home} system property when set.
 */
public final class EmbeddedStorm {

    private EmbeddedStorm() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("no daemon named");
            return;
        }
        String daemon = args[0];
        StormSettings settings;
        try {
            settings = StormSettings.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        switch (daemon) {
            case "zookeeper" -> {
                prepareLogging(settings, "zookeeper");
                LoopbackZooKeeper.run(settings);
            }
            case "nimbus" -> {
                prepareDaemon(settings, "nimbus");
                org.apache.storm.daemon.nimbus.Nimbus.main(new String[0]);
            }
            case "supervisor" -> {
                prepareDaemon(settings, "supervisor");
                org.apache.storm.daemon.supervisor.Supervisor.main(new String[0]);
            }
            default -> usage("unknown daemon " + daemon);
        }
    }

    /**
     * Storm reads its configuration file, its home and its log folder from system properties, and log4j
     * its configuration: all are set here before any Storm or logging class loads.
     */
    private static void prepareDaemon(StormSettings settings, String name) throws IOException, URISyntaxException {
        Files.createDirectories(settings.dataDir());
        ClusterConfigFile.write(settings.configFile(), settings.clusterConfig(), name);
        System.setProperty("storm.conf.file", settings.configFile().toString());
        prepareLogging(settings, name);
    }

    private static void prepareLogging(StormSettings settings, String name) throws IOException, URISyntaxException {
        Path stormHome = stormHome();
        Files.createDirectories(settings.logDir());
        System.setProperty("storm.home", stormHome.toString());
        System.setProperty("storm.log.dir", settings.logDir().toString());
        System.setProperty("logfile.name", name + ".log");
        System.setProperty("log4j.configurationFile", stormHome.resolve("log4j2").resolve("cluster.xml").toString());
    }

    private static Path stormHome() throws URISyntaxException {
        String configured = System.getProperty("storm.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path jar = Path.of(EmbeddedStorm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(StormSettings.USAGE);
        System.exit(2);
    }
}
