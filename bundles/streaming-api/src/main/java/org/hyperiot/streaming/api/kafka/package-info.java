/**
 * The Kafka connector: how any HyperIoT bundle talks to the platform's Kafka cluster. The
 * {@link org.hyperiot.streaming.api.kafka.KafkaConnector} service sends records and creates
 * producers, consumers and admin clients configured for the cluster; the other types describe
 * listener components, producer pools, acknowledged subscriptions, cluster topics and administration.
 */
@Export
@Version("1.1.0")
package org.hyperiot.streaming.api.kafka;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
