package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowAggregateSerdeTest {

    private final WindowAggregateSerde serde = new WindowAggregateSerde();

    private WindowAggregate roundTrip(WindowAggregate aggregate) {
        byte[] bytes = serde.serializer().serialize("changelog", aggregate);
        return serde.deserializer().deserialize("changelog", bytes);
    }

    @Test
    void anAggregateSurvivesTheStoreInSixteenBytes() {
        WindowAggregate aggregate = WindowAggregate.EMPTY.add(21.37).add(-99.9).add(19.5);

        assertThat(serde.serializer().serialize("changelog", aggregate)).hasSize(16);
        assertThat(roundTrip(aggregate)).isEqualTo(aggregate);
    }

    @Test
    void extremeValuesSurviveBitForBit() {
        WindowAggregate extreme = new WindowAggregate(Long.MAX_VALUE, -Double.MAX_VALUE);

        assertThat(roundTrip(extreme)).isEqualTo(extreme);
        assertThat(roundTrip(WindowAggregate.EMPTY)).isEqualTo(WindowAggregate.EMPTY);
    }

    @Test
    void aTombstoneStaysATombstone() {
        assertThat(serde.serializer().serialize("changelog", null)).isNull();
        assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
    }

    @Test
    void bytesOfAnotherSizeAreRejected() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[8]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("16");
    }

    @Test
    void theAverageIsTheSumOverTheCount() {
        WindowAggregate aggregate = WindowAggregate.EMPTY.add(20.0).add(21.0).add(23.0);

        assertThat(aggregate.count()).isEqualTo(3);
        assertThat(aggregate.averageTemperature()).isEqualTo(64.0 / 3);
    }
}
