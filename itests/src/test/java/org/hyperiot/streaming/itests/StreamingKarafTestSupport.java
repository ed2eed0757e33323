package org.hyperiot.streaming.itests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.util.Filter;

/**
 * Base of the Pax Exam tests: a stock Karaf with one of our features installed against the shared
 * test broker, and the connector services every test uses.
 */
public abstract class StreamingKarafTestSupport {

    @Inject
    @Filter(timeout = 120_000)
    protected KafkaConnector connector;

    @Inject
    @Filter(timeout = 120_000)
    protected KafkaTopicAdmin topicAdmin;

    @Inject
    protected SessionFactory sessionFactory;

    /** Runs one command in a Karaf shell session as a user with the admin role; returns what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new RolePrincipal("admin"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Object> result = executor.submit(() -> Subject.doAs(subject,
                    (PrivilegedExceptionAction<Object>) () -> session.execute(command)));
            result.get(60, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs in the driver JVM: starts the broker before Karaf boots and points the connector at it. */
    /** The probe starts once Karaf has started its boot features ({@link ProbeWaitsForBoot}). */
    @ProbeBuilder
    public TestProbeBuilder probeWaitsForBoot(TestProbeBuilder probe) {
        return ProbeWaitsForBoot.onProbe(probe);
    }

    @Configuration
    public Option[] configuration() {
        return KarafOptions.streamingKaraf(feature());
    }

    /** The feature under test. */
    protected String feature() {
        return "hyperiot-streaming";
    }
}
