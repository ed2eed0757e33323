package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contestant's entry point: runs one telemetry topology in a {@link KafkaStreams} client until
 * the orchestrator sends SIGTERM.
 *
 * <p>What the orchestrator sees: one line {@code RUNNING} on stdout when the client first reaches
 * {@link KafkaStreams.State#RUNNING}; exit status 0 after SIGTERM once the client has closed; a line
 * {@code FAILED <message>} on stderr and exit status 1 if the client fails; usage on stderr and exit
 * status 2 for a wrong command line.
 */
public final class KafkaStreamsContestant {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsContestant.class);

    /** How long SIGTERM waits for the client to close. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final AtomicBoolean announcedRunning = new AtomicBoolean();
    // Set by whichever of SIGTERM and a failure comes first; the other then stays out of the way.
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private volatile Throwable uncaught;

    private KafkaStreamsContestant(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Runs the contestant; see the class description for the command line and the exit statuses.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        ContestantOptions options;
        try {
            options = ContestantOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ContestantOptions.USAGE);
            System.exit(2);
            return;
        }
        Topology topology = switch (options.topology()) {
            case STATELESS -> TelemetryTopologies.stateless(options.inputTopics().get(0), options.outputTopic());
            case WINDOWED -> TelemetryTopologies.windowed(options.inputTopics().get(0), options.outputTopic());
            case WINDOWED_BY_SITE -> TelemetryTopologies.windowedBySite(options.inputTopics(), options.outputTopic());
        };
        try {
            new KafkaStreamsContestant(new KafkaStreams(topology, streamsConfig(options))).run();
        } catch (RuntimeException e) {
            LOG.error("Kafka Streams could not start", e);
            fail(e.toString());
        }
    }

    /**
     * Builds the Kafka Streams configuration from the command line.
     *
     * <p>Everything not set here keeps its Kafka Streams default. The defaults that shape the
     * measurement: {@code statestore.cache.max.bytes} 10 MiB (the record cache in front of the window
     * store, flushed at each commit, which is when window updates reach the in-memory suppression
     * buffer); the producer's {@code linger.ms} 100 that Kafka Streams sets;
     * {@code max.poll.records} 1000; under exactly-once, {@code transaction.timeout.ms} 10 s and
     * {@code isolation.level} read_committed; {@code replication.factor} -1, the broker's default, for
     * the changelogs; {@code group.protocol} classic.
     *
     * @param options the parsed command line
     * @return the configuration for {@link KafkaStreams}
     */
    static Properties streamsConfig(ContestantOptions options) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.guarantee().processingGuarantee());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
        // The orchestrator passes the same interval for both guarantees (Kafka Streams' own defaults
        // differ: 30 s at-least-once, 100 ms exactly-once), so every contestant commits equally often.
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.commitIntervalMs());
        config.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, JsonNodeSerde.class);
        // Changelog records carry the event time of the update, and the end-of-input marker's lies far
        // in the future. Since Kafka 4.0 brokers reject timestamps more than an hour ahead of their
        // clock (message.timestamp.after.max.ms), which would fail the marker's window update; the
        // topic. prefix applies to the internal topics Kafka Streams creates, not to input or output.
        config.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG),
                String.valueOf(Long.MAX_VALUE));
        config.putAll(options.properties());
        return config;
    }

    private void run() {
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("A stream thread failed; shutting the Kafka Streams client down", exception);
            uncaught = exception;
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING && announcedRunning.compareAndSet(false, true)) {
                System.out.println("RUNNING");
                System.out.flush();
            }
            if (newState == KafkaStreams.State.ERROR
                    || newState == KafkaStreams.State.NOT_RUNNING && !stopping.get()) {
                Throwable cause = uncaught;
                failure.complete(cause != null ? cause.toString() : "Kafka Streams client is " + newState);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeOnTermination, "contestant-shutdown"));
        streams.start();

        String message = failure.join();
        if (stopping.compareAndSet(false, true)) {
            // Releases the state directory lock and the clients; the client has already stopped processing.
            streams.close(CLOSE_TIMEOUT);
            fail(message);
        }
        // Otherwise SIGTERM got here first and the shutdown hook decides the exit status.
    }

    private void closeOnTermination() {
        if (!stopping.compareAndSet(false, true)) {
            return; // exiting because of a failure: its status stands
        }
        boolean closed = streams.close(CLOSE_TIMEOUT);
        if (!closed) {
            System.err.println("FAILED Kafka Streams did not close within " + CLOSE_TIMEOUT.toSeconds() + " s");
            System.err.flush();
        }
        // A JVM ended by SIGTERM exits with 143 whatever its hooks do; halt sets the status, and this
        // is the last hook that has work to do.
        Runtime.getRuntime().halt(closed ? 0 : 1);
    }

    private static void fail(String message) {
        // One line, so the orchestrator can read it as such.
        System.err.println("FAILED " + message.replaceAll("\\s*\\R\\s*", " "));
        System.err.flush();
        System.exit(1);
    }
}
