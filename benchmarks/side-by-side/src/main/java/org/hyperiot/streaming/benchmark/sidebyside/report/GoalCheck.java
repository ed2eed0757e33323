package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.util.Objects;

/**
 * A performance goal and whether this run met it. Neither text may be null.
 *
 * @param goal     the goal as stated, e.g. {@code HyperIoT stateless at-least-once ≥ 0.9 × raw loop}
 * @param measured what was measured against it, e.g. {@code 0.93 ×}
 * @param met      whether the measurement satisfies the goal
 */
public record GoalCheck(String goal, String measured, boolean met) {

    public GoalCheck {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(measured, "measured");
    }
}
