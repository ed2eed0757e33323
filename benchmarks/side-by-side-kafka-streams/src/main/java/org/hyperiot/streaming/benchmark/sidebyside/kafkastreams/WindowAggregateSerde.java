package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for {@link WindowAggregate} in the window store and its changelog: 16 bytes, the count as a
 * big-endian long followed by the temperature sum as a big-endian double. {@code null} stays
 * {@code null}.
 */
public final class WindowAggregateSerde implements Serde<WindowAggregate> {

    /** The size of one serialized aggregate in bytes. */
    public static final int SIZE = Long.BYTES + Double.BYTES;

    private static final Serializer<WindowAggregate> SERIALIZER = (topic, aggregate) -> aggregate == null
            ? null
            : ByteBuffer.allocate(SIZE).putLong(aggregate.count()).putDouble(aggregate.temperatureSum()).array();

    private static final Deserializer<WindowAggregate> DESERIALIZER = (topic, bytes) -> {
        if (bytes == null) {
            return null;
        }
        if (bytes.length != SIZE) {
            throw new SerializationException(
                    "A window aggregate has " + SIZE + " bytes, not " + bytes.length + " (topic " + topic + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new WindowAggregate(buffer.getLong(), buffer.getDouble());
    };

    @Override
    public Serializer<WindowAggregate> serializer() {
        return SERIALIZER;
    }

    @Override
    public Deserializer<WindowAggregate> deserializer() {
        return DESERIALIZER;
    }
}
