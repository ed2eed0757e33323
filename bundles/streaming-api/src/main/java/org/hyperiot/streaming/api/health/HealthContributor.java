package org.hyperiot.streaming.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the node that reports its own health in {@code GET /health}. Register it as an OSGi
 * service; the REST API picks up every contributor as it comes and goes.
 *
 * <p>{@link #health()} is called on every request to {@code /health}, anonymous ones included, as
 * often as callers like: it must answer at once with what the component last found out, and never
 * ask Kafka or anything else remote. A component that needs to check something remote checks it in
 * the background and keeps the answer.
 */
@ConsumerType
public interface HealthContributor {

    /**
     * The component's name under {@code components} in {@code GET /health}, for example
     * {@code streamRuntime}: stable, in lower camel case, and unique on the node.
     */
    String component();

    /** The component's health as last determined; returns at once. */
    ComponentHealth health();
}
