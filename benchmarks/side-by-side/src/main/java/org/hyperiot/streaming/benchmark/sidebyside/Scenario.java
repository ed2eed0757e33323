package org.hyperiot.streaming.benchmark.sidebyside;

/** The pipelines the contestants run, over the same input and with the same output format. */
public enum Scenario {

    /** Keep the records whose {@code temp} is above -50, and only deviceId, seq, ts and temp of them. */
    STATELESS("stateless"),

    /**
     * Per device, tumbling 1 s windows on the event time {@code ts}, closed once the event time has moved
     * 1 s past their end; one final result per window with the record count and the average temperature.
     */
    WINDOWED("windowed"),

    /**
     * The readings the stateless filter keeps, grouped by their {@code site} field, which is not the topic's
     * key (every site has devices in every partition): the pipeline must repartition by site before
     * tumbling 1 s event-time windows like {@link #WINDOWED}'s, one final result per site and window.
     */
    WINDOWED_BY_SITE("windowed-by-site");

    private final String id;

    Scenario(String id) {
        this.id = id;
    }

    /** The name used on command lines, in topic names and in the report. */
    public String id() {
        return id;
    }

    static Scenario of(String id) {
        for (Scenario scenario : values()) {
            if (scenario.id.equals(id)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + id + "' (stateless, windowed, windowed-by-site)");
    }
}
