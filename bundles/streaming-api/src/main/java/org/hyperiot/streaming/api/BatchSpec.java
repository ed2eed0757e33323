package org.hyperiot.streaming.api;

import java.time.Duration;

/**
 * How records are gathered into batches in {@link ProcessingMode#MICRO_BATCH} mode: a batch closes
 * when {@code interval} has passed since it opened or when it holds {@code maxRecords} records,
 * whichever comes first.
 *
 * @param interval   the longest a batch stays open
 * @param maxRecords the most records in one batch
 */
public record BatchSpec(Duration interval, int maxRecords) {
}
