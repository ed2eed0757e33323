package org.hyperiot.streaming.benchmark.sidebyside;

/** The delivery guarantees compared; their ids are those of the stream definition. */
public enum Guarantee {

    AT_MOST_ONCE("at-most-once", "amo"),
    AT_LEAST_ONCE("at-least-once", "alo"),
    EXACTLY_ONCE("exactly-once", "eos");

    private final String id;
    private final String shortId;

    Guarantee(String id, String shortId) {
        this.id = id;
        this.shortId = shortId;
    }

    /** As in the stream definition and the report: {@code at-most-once}, {@code at-least-once}, {@code exactly-once}. */
    public String id() {
        return id;
    }

    /** For topic and group names. */
    public String shortId() {
        return shortId;
    }

    /**
     * The guarantee of an id or short id.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Guarantee of(String id) {
        for (Guarantee guarantee : values()) {
            if (guarantee.id.equals(id) || guarantee.shortId.equals(id)) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("unknown guarantee '" + id + "' (at-most-once, at-least-once, exactly-once)");
    }
}
