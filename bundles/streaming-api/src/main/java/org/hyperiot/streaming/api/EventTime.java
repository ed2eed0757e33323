package org.hyperiot.streaming.api;

/**
 * Where a record's event time comes from. Windows and watermarks work on event time; the engine
 * also uses it as the timestamp of every record it passes downstream.
 *
 * @param source where the time is read
 * @param field  for {@link Source#FIELD}, the (dotted) path of a JSON field holding epoch milliseconds
 *               or an ISO-8601 instant; {@code null} otherwise
 */
public record EventTime(Source source, String field) {

    /** The possible origins of event time. */
    public enum Source {
        /** A field of the JSON value. In JSON: {@code "eventTime": {"field": "ts"}}. */
        FIELD,
        /** The timestamp of the source record (the Kafka record timestamp). In JSON: {@code eventTime} absent. */
        RECORD_TIMESTAMP,
        /** The processing time of the task when the record arrives. In JSON: {@code "eventTime": "processing"}. */
        PROCESSING_TIME
    }

    /** Event time read from the given JSON field (dotted paths such as {@code meta.ts} reach nested objects). */
    public static EventTime field(String field) {
        return new EventTime(Source.FIELD, field);
    }

    /** Event time taken from the source record's timestamp; this is the default. */
    public static EventTime recordTimestamp() {
        return new EventTime(Source.RECORD_TIMESTAMP, null);
    }

    /** Event time equal to the task's processing time when the record arrives. */
    public static EventTime processingTime() {
        return new EventTime(Source.PROCESSING_TIME, null);
    }
}
