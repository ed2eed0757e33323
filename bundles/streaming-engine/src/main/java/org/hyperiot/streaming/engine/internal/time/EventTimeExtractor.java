package org.hyperiot.streaming.engine.internal.time;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.engine.RecordFormatException;
import org.hyperiot.streaming.engine.internal.json.FieldPath;

/** Reads a record's event time as {@link EventTime} says: from a field, the source timestamp or the clock. */
public abstract sealed class EventTimeExtractor {

    /**
     * The event time of a record in epoch milliseconds.
     *
     * @throws RecordFormatException if the field is missing or holds neither a number nor an ISO-8601 instant
     */
    public abstract long extract(Object value, long recordTimestamp, long processingTime);

    /** True when event time is the processing time, so the watermark follows the clock. */
    public boolean isProcessingTime() {
        return false;
    }

    /** The extractor for the given event-time definition. */
    public static EventTimeExtractor of(EventTime eventTime) {
        return switch (eventTime.source()) {
            case FIELD -> new FromField(FieldPath.of(eventTime.field()));
            case RECORD_TIMESTAMP -> new FromRecordTimestamp();
            case PROCESSING_TIME -> new FromProcessingTime();
        };
    }

    private static final class FromField extends EventTimeExtractor {

        private final FieldPath field;

        FromField(FieldPath field) {
            this.field = field;
        }

        @Override
        public long extract(Object value, long recordTimestamp, long processingTime) {
            Object time = field.get(value);
            if (time instanceof Long l) {
                return l;
            }
            if (time instanceof Number n) {
                return fromNumber(n);
            }
            if (time instanceof String s) {
                return fromText(s);
            }
            if (time == FieldPath.MISSING) {
                throw new RecordFormatException("event time field '" + field + "' is missing");
            }
            throw new RecordFormatException("event time field '" + field
                    + "' must hold epoch milliseconds or an ISO-8601 instant, not " + describe(time));
        }

        private long fromNumber(Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new RecordFormatException("event time field '" + field + "' is not a finite number");
                }
                return (long) Math.floor(d);
            }
            try {
                return new BigDecimal(n.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new RecordFormatException("event time field '" + field + "' is out of range: " + n, e);
            }
        }

        private long fromText(String text) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant().toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new RecordFormatException("event time field '" + field
                            + "' is not an ISO-8601 instant: \"" + text + "\"", e);
                }
            }
        }

        private static String describe(Object value) {
            return value == null ? "null" : "a " + value.getClass().getSimpleName();
        }
    }

    private static final class FromRecordTimestamp extends EventTimeExtractor {
        @Override
        public long extract(Object value, long recordTimestamp, long processingTime) {
            return recordTimestamp;
        }
    }

    private static final class FromProcessingTime extends EventTimeExtractor {
        @Override
        public long extract(Object value, long recordTimestamp, long processingTime) {
            return processingTime;
        }

        @Override
        public boolean isProcessingTime() {
            return true;
        }
    }
}
