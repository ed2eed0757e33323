package org.hyperiot.streaming.kafka.support;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A map replicated through a compacted, single-partition Kafka topic, as Kafka Connect keeps its
 * configurations: every node reads the topic from the beginning and applies each record (a null
 * value deletes the key). A write returns once this node has read it back, so a caller sees its own
 * writes, and every node applies writes in the same order.
 *
 * <p>The topic is checked ({@link InternalTopicCheck}) before each time the reader starts reading it,
 * and again every 30 s while it reads. A topic found unfit (one whose cleanup policy would
 * delete entries, say) is not used: nothing is read from it or written to it, a waiting or new write
 * fails with {@link UnfitTopicException}, the reason is logged once at ERROR and kept in
 * {@link #verdict()}, and the reader checks again until the topic is fixed, then reads it from the
 * beginning. Nothing is written before the topic has been checked, since a write to a missing topic
 * could make Kafka create it with the broker's defaults.
 *
 * <p>While Kafka cannot be reached the reader keeps its consumer and retries, saying so once when
 * the failures start and once when they end. It builds new clients only when the connector's
 * bootstrap servers change: clients a bundle creates keep the settings they were created with.
 *
 * <p>The reads ({@link #get}, {@link #snapshot}, {@link #withPrefix}) answer from memory, on any
 * thread, with what this node has applied so far. Writes may come from any thread, but {@link #put}
 * not from the listener, which runs on the reader thread: it would wait for itself.
 */
public final class CompactedTopicMap implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicMap.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** How often the reader asks whether the connector moved to other bootstrap servers. */
    private static final Duration SERVERS_CHECK = Duration.ofSeconds(5);
    /** How often the topic is checked again while it is read, and while it is unfit. */
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(30);

    private final InternalTopic internalTopic;
    private final String topic;
    private final TopicPartition partition;
    private final InternalTopicCheck check;
    private final Duration retry;
    private final TopicMapClients clients;
    private final Duration topicCheck;
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private final FailureStreak failures = new FailureStreak();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread reader;
    private volatile BiConsumer<String, byte[]> listener;
    private volatile Producer<String, byte[]> producer;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile TopicVerdict verdict;
    /** When the reader checks the topic again while reading it; the reader's alone. */
    private long nextTopicCheck;
    private long position;

    /**
     * Creates the writer's producer; nothing is read, checked or written before {@link #start}.
     *
     * @param topic             the topic and what it must be, named in every message about it
     * @param connector         the platform's connector, whose bootstrap servers the clients follow
     * @param topicAdmin        checks the topic, and creates it if it is missing
     * @param replicationFactor the topic's replication factor if this node creates it; negative takes
     *                          the cluster's default
     */
    public CompactedTopicMap(InternalTopic topic, KafkaConnector connector, KafkaTopicAdmin topicAdmin,
            short replicationFactor) {
        this(topic, connector, topicAdmin, replicationFactor, RETRY, SERVERS_CHECK, TOPIC_CHECK);
    }

    /**
     * @param retry        how long the reader waits after a failure before it tries again
     * @param serversCheck how often the reader asks the connector for its bootstrap servers
     * @param topicCheck   how often the reader checks the topic again, while reading it or while it is unfit
     */
    CompactedTopicMap(InternalTopic topic, KafkaConnector connector, KafkaTopicAdmin topicAdmin,
            short replicationFactor, Duration retry, Duration serversCheck, Duration topicCheck) {
        this.internalTopic = topic;
        this.topic = topic.name();
        this.partition = new TopicPartition(this.topic, 0);
        this.check = new InternalTopicCheck(topicAdmin, replicationFactor, Clock.systemUTC());
        this.retry = retry;
        this.topicCheck = topicCheck;
        this.verdict = TopicVerdict.unchecked(this.topic, Clock.systemUTC().instant());
        this.clients = new TopicMapClients(connector, this.topic, serversCheck);
        this.producer = clients.newWriter();
        this.reader = new Thread(this::read, this.topic + "-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Starts the reader thread, which checks the topic, then reads it from the beginning; once only.
     *
     * @param listener called on the reader thread after each applied record, with the new value or
     *                 {@code null} for a deletion; what it throws is logged and does not stop the reader.
     *                 When the topic is read again from the beginning (new bootstrap servers, a topic
     *                 made fit again) every record is applied, and heard, again; entries the topic no
     *                 longer holds are dropped unheard
     */
    public void start(BiConsumer<String, byte[]> listener) {
        this.listener = listener;
        reader.start();
    }

    /** What the last check of the topic found; {@link TopicVerdict.Outcome#UNCHECKED} until one answered. */
    public TopicVerdict verdict() {
        return verdict;
    }

    /**
     * Waits until this node has read everything written to the topic so far, after the topic has been
     * checked and found usable.
     *
     * @throws TimeoutException    if the topic could not be checked, or read up to its end, within {@code timeout}
     * @throws UnfitTopicException if the topic is found unfit, at once
     */
    public void awaitCaughtUp(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitUsable(deadline, timeout);
        Long end;
        Consumer<String, byte[]> probe = clients.newEndProbe();
        try {
            end = probe.endOffsets(List.of(partition), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
                    .get(partition);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TimeoutException("Kafka did not tell the end of " + topic + " within " + timeout);
        } finally {
            clients.closeQuietly(probe);
        }
        if (end == null) {
            // With no time left, endOffsets answers an empty map instead of asking Kafka and timing out.
            throw new TimeoutException("Kafka did not tell the end of " + topic + " within " + timeout);
        }
        awaitPosition(end, deadline, timeout);
    }

    /** The value this node holds for {@code key}; empty if none, or deleted. */
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** A copy of every entry this node holds. */
    public Map<String, byte[]> snapshot() {
        return Map.copyOf(entries);
    }

    /** A copy of the entries this node holds whose keys start with {@code prefix}. */
    public Map<String, byte[]> withPrefix(String prefix) {
        return entries.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Writes {@code value} ({@code null} deletes) and returns once this node has applied it, so that
     * a read on this node sees it; nothing is written before the topic has been checked and found usable.
     *
     * @throws TimeoutException      if the topic could not be checked, or the write read back, within
     *                               {@code timeout}; the write may still have happened
     * @throws UnfitTopicException   if the topic is found unfit, at once
     * @throws IllegalStateException if Kafka refused the write
     */
    public void put(String key, byte[] value, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitUsable(deadline, timeout);
        RecordMetadata written;
        try {
            written = send(new ProducerRecord<>(topic, 0, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
        awaitPosition(written.offset() + 1, deadline, timeout);
    }

    /**
     * Writes {@code value} ({@code null} deletes) without waiting for the write to be read back; for
     * periodic reports, which the next one replaces: while the topic is unchecked or unfit the write
     * is dropped.
     */
    public void putAsync(String key, byte[] value) {
        if (verdict.usable()) {
            send(new ProducerRecord<>(topic, 0, key, value));
        }
    }

    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        Producer<String, byte[]> current = producer;
        while (true) {
            try {
                return current.send(record);
            } catch (IllegalStateException e) {
                // Kafka refuses a send on a closed producer without taking the record: if the reader
                // replaced it for new bootstrap servers meanwhile, the record goes to the new one.
                Producer<String, byte[]> latest = producer;
                if (latest == current) {
                    throw e;
                }
                current = latest;
            }
        }
    }

    /** Waits until the topic has been checked and found usable; fails at once if it is found unfit. */
    private synchronized void awaitUsable(long deadline, Duration timeout) throws TimeoutException {
        while (!verdict.usable()) {
            requireNotUnfit();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TimeoutException("this node could not check " + topic + " within " + timeout
                        + ": Kafka has not answered");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + topic + " to be checked", e);
            }
        }
    }

    private void requireNotUnfit() {
        TopicVerdict current = verdict;
        if (current.outcome() == TopicVerdict.Outcome.UNFIT) {
            throw new UnfitTopicException(current.reason());
        }
    }

    private synchronized void awaitPosition(long offset, long deadline, Duration timeout) throws TimeoutException {
        while (position < offset) {
            requireNotUnfit();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TimeoutException("this node has not read " + topic + " up to offset " + offset + " within " + timeout);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + topic, e);
            }
        }
    }

    private void read() {
        Consumer<String, byte[]> reading = null;
        boolean positioned = false;
        try {
            while (running) {
                try {
                    if (reading == null) {
                        reading = clients.newReader();
                        consumer = reading;
                        positioned = false;
                    }
                    if (!positioned) {
                        // On the reader thread, so that a node starting while Kafka is down waits for it.
                        if (checkTopic()) {
                            readFromTheBeginning(reading);
                            positioned = true;
                        }
                    } else if (topicCheckDue() && !checkTopic()) {
                        // Unfit while in use: stop reading; once fit it is read again from the beginning.
                        reading.unsubscribe();
                        positioned = false;
                    }
                    if (positioned) {
                        apply(reading);
                        long failed = failures.succeeded();
                        if (failed > 0) {
                            LOG.info("Reading {} from Kafka at {} again, after {} failed attempts", topic,
                                    clients.servers(),
                                    failed);
                        }
                    } else {
                        pause(topicCheck);
                    }
                } catch (WakeupException e) {
                    // close() ends the reader; the loop condition sees it.
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    if (failures.failed()) {
                        LOG.warn("Cannot read {} from Kafka at {}: {}; retrying until it answers (further failures "
                                + "at DEBUG)", topic, clients.servers(), e.toString());
                    } else {
                        LOG.debug("Reading {} failed again: {}", topic, e.toString());
                    }
                    pause(retry);
                }
                if (running && clients.serversChanged()) {
                    LOG.info("Kafka connector now uses {}: {} is read again from there", clients.servers(), topic);
                    consumer = null;
                    clients.closeQuietly(reading);
                    reading = null;
                    replaceProducer();
                }
            }
        } finally {
            clients.closeQuietly(reading);
        }
    }

    /**
     * Checks the topic now, creating it if it is missing, and records the verdict.
     *
     * @return whether the topic may be used
     */
    private boolean checkTopic() {
        // Set first: a check that fails on Kafka waits for the next turn instead of holding up the reads.
        nextTopicCheck = System.nanoTime() + topicCheck.toNanos();
        TopicVerdict found = check.ensure(internalTopic);
        record(found);
        return found.usable();
    }

    private boolean topicCheckDue() {
        return System.nanoTime() - nextTopicCheck >= 0;
    }

    /** Keeps the verdict and says what changed: an unfit topic once at ERROR, for as long as its reason stays. */
    private void record(TopicVerdict found) {
        TopicVerdict previous = verdict;
        verdict = found;
        switch (found.outcome()) {
            case UNFIT -> {
                if (previous.outcome() != TopicVerdict.Outcome.UNFIT || !previous.reason().equals(found.reason())) {
                    LOG.error("{}", found.reason());
                }
            }
            case UNVERIFIED -> {
                if (previous.outcome() != TopicVerdict.Outcome.UNVERIFIED) {
                    LOG.warn("Topic {} holding {}: {}", topic, internalTopic.contents(), found.reason());
                }
            }
            case FIT -> {
                if (previous.outcome() == TopicVerdict.Outcome.UNFIT) {
                    LOG.info("Topic {} is now fit to hold {}; this node reads it again from the beginning", topic,
                            internalTopic.contents());
                }
            }
            case UNCHECKED -> {
                // Never the result of a check.
            }
        }
        synchronized (this) {
            // Wakes writers waiting for the topic to be checked, or for a position that will not come.
            notifyAll();
        }
    }

    private void readFromTheBeginning(Consumer<String, byte[]> reading) {
        List<PartitionInfo> partitions = reading.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        reading.assign(List.of(partition));
        reading.seekToBeginning(List.of(partition));
        entries.clear();
        synchronized (this) {
            position = 0;
        }
    }

    private void apply(Consumer<String, byte[]> reading) {
        for (ConsumerRecord<String, byte[]> record : reading.poll(POLL)) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                entries.remove(record.key());
            } else {
                entries.put(record.key(), record.value());
            }
            try {
                listener.accept(record.key(), record.value());
            } catch (RuntimeException e) {
                LOG.error("Applying {} from {} failed", record.key(), topic, e);
            }
        }
        long now = reading.position(partition);
        synchronized (this) {
            position = now;
            notifyAll();
        }
    }

    private void pause(Duration duration) {
        try {
            closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void replaceProducer() {
        Producer<String, byte[]> replaced = producer;
        producer = clients.newWriter();
        // Delivers what the old producer still holds, as far as its servers answer.
        clients.closeQuietly(replaced);
    }

    /**
     * Stops the reader (waiting up to 10 s for it) and closes the clients, the producer after
     * delivering what it still holds as far as Kafka answers within 5 s.
     */
    @Override
    public void close() {
        running = false;
        closed.countDown();
        Consumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.closeQuietly(producer);
    }
}
