package org.hyperiot.streaming.engine;

/**
 * One partition of a source topic: the unit of work and of watermarking.
 *
 * @param topic     the topic name
 * @param partition the partition number
 */
public record SourcePartition(String topic, int partition) {

    /** {@code <topic>-<partition>}, as Kafka spells it. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
