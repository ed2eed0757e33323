package org.hyperiot.streaming.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;

/**
 * Options shared by the Pax Exam tests: a stock Karaf booted on JDK 17 the way bin/karaf boots it,
 * bound to loopback on free ports, installing our features from the distribution's system/ folder.
 */
public final class KarafOptions {

    public static final String KARAF_VERSION = System.getProperty("karaf.version");
    public static final String PROJECT_VERSION = System.getProperty("project.version");
    public static final Path DISTRIBUTION = Path.of(System.getProperty("hyperiot.itest.distribution"));
    public static final Path BROKER_CLASSPATH = Path.of(System.getProperty("hyperiot.itest.broker.classpath"));
    public static final Path WORK = Path.of(System.getProperty("hyperiot.itest.work"));

    private KarafOptions() {
    }

    /** A stock Karaf {@link #KARAF_VERSION} listening on {@code httpPort}, users admin, manager and viewer. */
    public static List<Option> stockKaraf(int httpPort) {
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                                .version(KARAF_VERSION).type("tar.gz"))
                        .unpackDirectory(WORK.resolve("exam").toFile())
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        localRepository),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,"
                                + DISTRIBUTION.resolve("system").toUri() + "@id=hyperiot@snapshots"),
                // Pax Exam's own probe bundles may still have to be fetched; our features come from DISTRIBUTION.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(Ports.free())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(Ports.free())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(Ports.free())),
                // The API's users hold the API's roles only; karafadmin holds Karaf's and none of the API's.
                editConfigurationFilePut("etc/users.properties", "admin", "adminpw," + ApiUsers.ADMIN_ROLE + ",ssh"),
                editConfigurationFilePut("etc/users.properties", "manager", "managerpw," + ApiUsers.MANAGER_ROLE),
                editConfigurationFilePut("etc/users.properties", "viewer", "viewerpw," + ApiUsers.VIEWER_ROLE),
                editConfigurationFilePut("etc/users.properties", "karafadmin",
                        "karafadminpw,admin,manager,viewer,systembundles,ssh"),
                systemProperty("hyperiot.itest.http.port").value(Integer.toString(httpPort)),
                systemProperty("hyperiot.itest.broker.classpath").value(BROKER_CLASSPATH.toAbsolutePath().toString()),
                // Silences a harmless "Invalid CEN header" error from a jar embedded in the Aries spec bundle.
                new VMOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true")));
        options.addAll(jdk17Options());
        return options;
    }

    /**
     * A stock Karaf with {@code feature} of our features repository installed and the connector
     * pointed at the shared test broker, which is started first (this runs in the driver JVM).
     * The broker's location goes to the container as system properties, so tests can stop it.
     */
    public static Option[] streamingKaraf(String feature) {
        BrokerProcess broker = TestBroker.startOnce();
        List<Option> options = new ArrayList<>(stockKaraf(Ports.free()));
        options.add(editConfigurationFilePut("etc/org.hyperiot.streaming.kafka.cfg", "bootstrap.servers",
                broker.bootstrapServers()));
        options.add(systemProperty("hyperiot.itest.broker.data").value(broker.dataDir().toAbsolutePath().toString()));
        options.add(systemProperty("hyperiot.itest.broker.port").value(Integer.toString(broker.port())));
        // The example processor bundle as built by this reactor: `mvn verify` does not install it.
        options.add(systemProperty("hyperiot.itest.example.bundle").value(
                Path.of(System.getProperty("hyperiot.itest.example.bundle")).toUri().toString()));
        options.add(features(maven().groupId("org.hyperiot.streaming").artifactId("hyperiot-streaming-features")
                .version(PROJECT_VERSION).classifier("features").type("xml"), feature));
        return options.toArray(new Option[0]);
    }

    /** The module options bin/karaf passes on JDK 9+; without them karaf.log fills with OsgiLocator errors. */
    private static List<Option> jdk17Options() {
        List<Option> vm = new ArrayList<>();
        for (String option : new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"}) {
            vm.add(new VMOption(option));
        }
        return vm;
    }
}
