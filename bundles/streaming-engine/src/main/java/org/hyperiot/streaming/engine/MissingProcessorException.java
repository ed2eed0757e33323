package org.hyperiot.streaming.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A task cannot open because custom processors or aggregators it uses are not registered. The
 * runtime puts the stream in {@code WAITING} and opens a new task when they come back.
 */
public class MissingProcessorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> processors;
    private final List<String> aggregators;

    /** Creates the exception for the missing names. */
    public MissingProcessorException(List<String> processors, List<String> aggregators) {
        super(message(processors, aggregators));
        this.processors = List.copyOf(processors);
        this.aggregators = List.copyOf(aggregators);
    }

    /** Names of the missing processors. */
    public List<String> processors() {
        return processors;
    }

    /** Names of the missing aggregators. */
    public List<String> aggregators() {
        return aggregators;
    }

    private static String message(List<String> processors, List<String> aggregators) {
        List<String> parts = new ArrayList<>();
        if (!processors.isEmpty()) {
            parts.add("processor(s) " + processors + " not registered");
        }
        if (!aggregators.isEmpty()) {
            parts.add("aggregator(s) " + aggregators + " not registered");
        }
        return String.join("; ", parts);
    }
}
