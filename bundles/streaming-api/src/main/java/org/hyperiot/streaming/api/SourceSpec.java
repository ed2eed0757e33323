package org.hyperiot.streaming.api;

import java.util.List;

/**
 * The topics a stream reads and how to read them.
 *
 * @param topics    the source topics; their partitions are the unit of work
 * @param format    how the record values are encoded
 * @param startFrom where to start the first time the stream runs
 * @param eventTime where each record's event time comes from
 */
public record SourceSpec(List<String> topics, DataFormat format, StartPosition startFrom, EventTime eventTime) {

    /** The format used when none is given. */
    public static final DataFormat DEFAULT_FORMAT = DataFormat.JSON;
    /** The start position used when none is given. */
    public static final StartPosition DEFAULT_START_FROM = StartPosition.EARLIEST;

    /** Keeps an unmodifiable copy of the topics. */
    public SourceSpec {
        topics = topics == null ? null : List.copyOf(topics);
    }

    /** A source reading the given topics with the defaults: JSON values, from the earliest offset, event time from the record timestamp. */
    public static SourceSpec of(String... topics) {
        return new SourceSpec(List.of(topics), DEFAULT_FORMAT, DEFAULT_START_FROM, EventTime.recordTimestamp());
    }

    /** This source with another value format. */
    public SourceSpec withFormat(DataFormat newFormat) {
        return new SourceSpec(topics, newFormat, startFrom, eventTime);
    }

    /** This source with another first-start position. */
    public SourceSpec withStartFrom(StartPosition newStartFrom) {
        return new SourceSpec(topics, format, newStartFrom, eventTime);
    }

    /** This source with another event-time origin. */
    public SourceSpec withEventTime(EventTime newEventTime) {
        return new SourceSpec(topics, format, startFrom, newEventTime);
    }
}
