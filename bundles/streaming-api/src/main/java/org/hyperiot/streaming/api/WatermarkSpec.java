package org.hyperiot.streaming.api;

import java.time.Duration;

/**
 * How far event time may run out of order, and when a silent source partition stops holding the
 * watermark back.
 *
 * @param maxOutOfOrderness how much later than the highest event time seen a record may arrive and
 *                          still count as on time; a partition's watermark is its highest event time
 *                          minus this
 * @param idleTimeout       after this much processing time without records a partition is left out
 *                          of the task watermark; {@code null} means partitions are never treated as idle
 */
public record WatermarkSpec(Duration maxOutOfOrderness, Duration idleTimeout) {

    /** The watermark used when a definition has none: no disorder allowed, no idleness detection. */
    public static final WatermarkSpec DEFAULT = new WatermarkSpec(Duration.ZERO, null);
}
