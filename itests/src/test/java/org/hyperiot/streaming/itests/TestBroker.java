package org.hyperiot.streaming.itests;

import java.util.UUID;

/** The broker shared by the Pax Exam tests of one test JVM, stopped when that JVM exits. */
final class TestBroker {

    private static BrokerProcess broker;

    private TestBroker() {
    }

    static synchronized BrokerProcess startOnce() {
        if (broker == null) {
            broker = new BrokerProcess(KarafOptions.BROKER_CLASSPATH,
                    KarafOptions.WORK.resolve("broker-" + UUID.randomUUID()), Ports.freePair());
            broker.start();
            BrokerProcess started = broker;
            // Tests may have restarted it from inside Karaf; the PID file names whichever process runs now.
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-broker"));
        }
        return broker;
    }
}
