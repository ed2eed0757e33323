package org.hyperiot.streaming.engine.internal.window;

import java.util.stream.Collectors;

import org.hyperiot.streaming.api.CountWindow;
import org.hyperiot.streaming.api.SessionWindow;
import org.hyperiot.streaming.api.SlidingWindow;
import org.hyperiot.streaming.api.TumblingWindow;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.internal.aggregate.Aggregates;

/** Creates the window stage for a validated window operator. */
public final class WindowStageFactory {

    private WindowStageFactory() {
    }

    public static WindowStage create(WindowOperator operator) {
        Aggregates aggregates = new Aggregates(operator.aggregates());
        long lateness = operator.allowedLateness().toMillis();
        String layout = layout(operator);
        if (operator.window() instanceof TumblingWindow tumbling) {
            return new TimeWindowOperator(new TumblingWindowAssigner(tumbling.size().toMillis()), lateness,
                    operator.emit(), aggregates, layout);
        }
        if (operator.window() instanceof SlidingWindow sliding) {
            return new TimeWindowOperator(
                    new SlidingWindowAssigner(sliding.size().toMillis(), sliding.slide().toMillis()), lateness,
                    operator.emit(), aggregates, layout);
        }
        if (operator.window() instanceof SessionWindow session) {
            return new SessionWindowOperator(session.gap().toMillis(), lateness, operator.emit(), aggregates, layout);
        }
        CountWindow count = (CountWindow) operator.window();
        return new CountWindowOperator(count.size(), count.slide(), operator.emit(), aggregates, layout);
    }

    /**
     * What decides the meaning of the stored state: the window shape and the aggregates. Lateness
     * and emit mode only change when results are published, so state survives changing them.
     */
    static String layout(WindowOperator operator) {
        String shape;
        if (operator.window() instanceof TumblingWindow tumbling) {
            shape = "tumbling(" + tumbling.size().toMillis() + ")";
        } else if (operator.window() instanceof SlidingWindow sliding) {
            shape = "sliding(" + sliding.size().toMillis() + "," + sliding.slide().toMillis() + ")";
        } else if (operator.window() instanceof SessionWindow session) {
            shape = "session(" + session.gap().toMillis() + ")";
        } else {
            CountWindow count = (CountWindow) operator.window();
            shape = "count(" + count.size() + "," + count.slide() + ")";
        }
        return shape + " " + operator.aggregates().stream()
                .map(a -> a.fn().jsonName() + "(" + (a.name() == null ? "" : a.name() + ":")
                        + (a.field() == null ? "" : a.field()) + ")")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
