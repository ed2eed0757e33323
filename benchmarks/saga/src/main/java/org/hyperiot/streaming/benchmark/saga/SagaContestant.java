package org.hyperiot.streaming.benchmark.saga;

import java.util.Optional;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/** A running system the benchmark starts sagas on: the node, or the raw loop's JVM. */
interface SagaContestant extends AutoCloseable {

    Contestant contestant();

    /** Its topics. */
    ExchangeTopics topics();

    /** How its start events look. */
    StartEvents starts();

    /** The process doing the work, whose CPU time is measured. */
    long pid();

    /** Why it can no longer finish (its process died), if so. */
    Optional<String> failure();
}
