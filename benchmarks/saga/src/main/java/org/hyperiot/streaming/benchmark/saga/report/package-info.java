/**
 * What a saga benchmark run found out, as plain values (runs, message counts, latency quantiles, goals),
 * and its rendering as markdown. Pure Java: no Kafka, no processes, unit-tested.
 */
package org.hyperiot.streaming.benchmark.saga.report;
