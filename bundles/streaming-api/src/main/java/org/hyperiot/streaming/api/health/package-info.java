/**
 * Health reporting: how a part of the platform tells {@code GET /health} whether it can do its job.
 * A bundle registers a {@link org.hyperiot.streaming.api.health.HealthContributor} service; the REST
 * API shows every registered contributor as a component next to the Kafka cluster, and answers DOWN
 * while any of them is down.
 */
@Export
@Version("1.0.0")
package org.hyperiot.streaming.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
