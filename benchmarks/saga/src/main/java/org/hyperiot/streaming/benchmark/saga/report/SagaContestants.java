package org.hyperiot.streaming.benchmark.saga.report;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/** The two systems the saga benchmark compares. */
public final class SagaContestants {

    /** One node of the distribution: its saga coordinator and participant host. */
    public static final Contestant HYPERIOT = new Contestant("hyperiot", "HyperIoT saga coordinator");

    /** The hand-written kafka-clients request/reply loop ({@code rawloop.RawSagaLoop}). */
    public static final Contestant RAW_LOOP = Contestant.RAW_LOOP;

    private SagaContestants() {
    }
}
