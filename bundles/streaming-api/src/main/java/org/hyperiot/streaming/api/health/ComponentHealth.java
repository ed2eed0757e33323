package org.hyperiot.streaming.api.health;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The health of one component of the node, as {@code GET /health} shows it to viewers.
 *
 * @param up        whether the component can do its job; the node's health is DOWN while any
 *                  component is down
 * @param error     why the component is down, written for an operator: what is wrong and what to do
 *                  about it; {@code null} when it is up
 * @param details   further facts for viewers, such as the names of the topics the component uses;
 *                  never secrets
 * @param checkedAt when the component last determined its health
 */
public record ComponentHealth(boolean up, String error, Map<String, String> details, Instant checkedAt) {

    /** Checks that a down component says why, and copies the details. */
    public ComponentHealth {
        if (!up && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a component that is down must say why");
        }
        details = Map.copyOf(Objects.requireNonNull(details, "details"));
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** A component that can do its job. */
    public static ComponentHealth up(Map<String, String> details, Instant checkedAt) {
        return new ComponentHealth(true, null, details, checkedAt);
    }

    /** A component that cannot do its job, and why. */
    public static ComponentHealth down(String error, Map<String, String> details, Instant checkedAt) {
        return new ComponentHealth(false, error, details, checkedAt);
    }
}
