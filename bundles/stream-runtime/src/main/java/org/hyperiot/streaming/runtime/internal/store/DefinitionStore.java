package org.hyperiot.streaming.runtime.internal.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.kafka.support.UnfitTopicException;

/**
 * The streams of the cluster as every node sees them, as Kafka Connect's configuration backing
 * store keeps connector configurations: a write returns once this node sees it, and every node
 * applies writes in the same order.
 */
public interface DefinitionStore extends AutoCloseable {

    /** Told about each stream written or deleted, in the order of the writes. */
    @FunctionalInterface
    interface Listener {

        /** {@code stream} was written or deleted; read it back with {@link DefinitionStore#get}. */
        void changed(String stream);
    }

    /**
     * Starts reading, and from then on tells {@code listener} about every stream written or
     * deleted, beginning with each stream already stored. Called once.
     */
    void start(Listener listener);

    /**
     * Waits until this node has read every definition written so far, on any node: before deciding
     * that a name is free.
     *
     * @throws TimeoutException    if the store could not tell or catch up within {@code timeout}
     * @throws UnfitTopicException if the store's topic is unfit to hold definitions
     */
    void awaitLoaded(Duration timeout) throws TimeoutException;

    /** The stream called {@code name}, as this node last read it. */
    Optional<StoredStream> get(String name);

    /** Every stream, as this node last read them, in no particular order. */
    List<StoredStream> list();

    /**
     * Stores {@code stream} under its name and returns once {@link #get} returns it.
     *
     * @throws TimeoutException    if the write was not acknowledged and read back within {@code timeout}
     * @throws UnfitTopicException if the store's topic is unfit to hold definitions
     */
    void put(StoredStream stream, Duration timeout) throws TimeoutException;

    /**
     * Deletes the stream called {@code name} and returns once {@link #get} no longer returns it.
     *
     * @throws TimeoutException    if the deletion was not acknowledged and read back within {@code timeout}
     * @throws UnfitTopicException if the store's topic is unfit to hold definitions
     */
    void delete(String name, Duration timeout) throws TimeoutException;

    /**
     * What the last check of the store's topic found; answers from memory. A store without a topic
     * is always {@link TopicVerdict.Outcome#FIT}.
     */
    TopicVerdict topicVerdict();

    /** Stops reading; the listener is not called any more. */
    @Override
    void close();
}
