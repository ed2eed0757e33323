package org.hyperiot.streaming.engine;

import org.hyperiot.streaming.api.StreamRecord;

/**
 * A record that arrived after every window it belongs to was closed and purged (its event time is
 * behind window end + allowed lateness at the task watermark). The runtime writes {@link #source()}
 * unchanged to the {@code lateRecords} topic with headers built from the other members.
 *
 * @param source    the record as read from the source, unchanged
 * @param record    the record as it reached the window, after the operators before it
 * @param watermark the task watermark when the record arrived
 * @param reason    why it is late, in words, for the header
 */
public record LateRecord(SourceRecord source, StreamRecord record, long watermark, String reason) {
}
