package org.hyperiot.streaming.engine.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.engine.Json.object;

import java.math.BigInteger;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.engine.RecordFormatException;
import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {

    private final EventTimeExtractor field = EventTimeExtractor.of(EventTime.field("ts"));

    @Test
    void readsEpochMillisFromANumericField() {
        assertThat(field.extract(object("ts", 1_700_000_000_123L), 5, 9)).isEqualTo(1_700_000_000_123L);
        assertThat(field.extract(object("ts", 42), 5, 9)).isEqualTo(42);
        assertThat(field.extract(object("ts", 1500.9), 5, 9)).isEqualTo(1500);
        assertThat(field.extract(object("ts", -1.5), 5, 9)).isEqualTo(-2);
        assertThat(field.extract(object("ts", BigInteger.valueOf(77)), 5, 9)).isEqualTo(77);
    }

    @Test
    void readsIso8601Instants() {
        assertThat(field.extract(object("ts", "2023-11-14T22:13:20Z"), 5, 9)).isEqualTo(1_700_000_000_000L);
        assertThat(field.extract(object("ts", "2023-11-14T22:13:20.250Z"), 5, 9)).isEqualTo(1_700_000_000_250L);
        assertThat(field.extract(object("ts", "2023-11-14T23:13:20+01:00"), 5, 9)).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void readsNestedFields() {
        EventTimeExtractor nested = EventTimeExtractor.of(EventTime.field("meta.ts"));
        assertThat(nested.extract(object("meta", object("ts", 10L)), 5, 9)).isEqualTo(10);
    }

    @Test
    void rejectsMissingOrUnreadableTimes() {
        assertThatThrownBy(() -> field.extract(object("other", 1L), 5, 9))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("'ts' is missing");
        assertThatThrownBy(() -> field.extract(object("ts", "yesterday"), 5, 9))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("not an ISO-8601 instant");
        assertThatThrownBy(() -> field.extract(object("ts", true), 5, 9))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("Boolean");
        assertThatThrownBy(() -> field.extract(object("ts", null), 5, 9))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> field.extract("not an object", 5, 9))
                .isInstanceOf(RecordFormatException.class);
        assertThatThrownBy(() -> field.extract(object("ts", Double.NaN), 5, 9))
                .isInstanceOf(RecordFormatException.class);
        assertThatThrownBy(() -> field.extract(object("ts", new BigInteger("123456789012345678901234567890")), 5, 9))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("out of range");
    }

    @Test
    void usesTheRecordTimestampOrTheClock() {
        assertThat(EventTimeExtractor.of(EventTime.recordTimestamp()).extract(object("ts", 1L), 5, 9)).isEqualTo(5);
        EventTimeExtractor processing = EventTimeExtractor.of(EventTime.processingTime());
        assertThat(processing.extract(object("ts", 1L), 5, 9)).isEqualTo(9);
        assertThat(processing.isProcessingTime()).isTrue();
    }
}
