package org.hyperiot.streaming.saga.internal.participant;

import java.time.Duration;

/**
 * The durations a participant instance works with, from the saga configuration.
 *
 * @param restore          how long taking over a partition may wait for its committed position and its
 *                         handled commands
 * @param transaction      the producer's transaction timeout: a poll's answers are committed in parts
 *                         well within it
 * @param handledRetention how long a command answered for good is remembered ({@code handled.retention.ms})
 */
public record ParticipantDurations(Duration restore, Duration transaction, Duration handledRetention) {
}
