/**
 * Sagas: distributed transactions whose steps and compensations are carried over Kafka. A
 * {@link org.hyperiot.streaming.api.saga.SagaDefinition} says which
 * {@link org.hyperiot.streaming.api.saga.SagaParticipant participants} run which actions, in which
 * order, and how each is undone; the {@link org.hyperiot.streaming.api.saga.SagaCoordinator} starts
 * sagas, reports where they stand and takes the operator's verbs (cancel, retry, skip).
 *
 * <p>Definitions are managed through the {@link org.hyperiot.streaming.api.saga.SagaDefinitionRegistry}
 * and read from or written to their JSON form with the
 * {@link org.hyperiot.streaming.api.saga.SagaDefinitionFormat}. Saga data, command data and reply
 * outputs are JSON-like maps of plain Java values, so no JSON library type appears in this package.
 */
@Export
@Version("1.0.0")
package org.hyperiot.streaming.api.saga;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
