package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.Optional;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/** A streaming layer the benchmark measures (a contestant): it runs the benchmark's pipelines on request. */
interface StreamingSystem {

    /** Who it is in names, on the command line and in the report. */
    Contestant contestant();

    /**
     * Whether it runs {@code scenario} at {@code guarantee}: a contestant that cannot run it honestly
     * leaves it out.
     */
    default boolean runs(Scenario scenario, Guarantee guarantee) {
        return true;
    }

    /** Starts processing {@code run}'s input; returns at once, the work goes on in the background. */
    Running start(ContestantRun run) throws Exception;

    /** A contestant at work on one run. */
    interface Running extends AutoCloseable {

        /** The consumer group whose committed offsets show how far it got. */
        String group();

        /**
         * The CPU time the processes doing the work have used so far, in seconds, or NaN while they are not
         * known (not started yet). What counts is the contestant's: its own JVM, the node running our
         * streams, or a Storm topology's worker processes.
         */
        double cpuSeconds();

        /** Why it can no longer finish (its process died, its stream failed), if so. */
        Optional<String> failure();

        /** Stops the work and removes what it left behind (groups, internal topics). */
        @Override
        void close() throws Exception;
    }
}
