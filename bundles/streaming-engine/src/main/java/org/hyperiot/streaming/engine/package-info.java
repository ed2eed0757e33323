/**
 * The stream engine in plain Java, for runtimes to drive. A
 * {@link org.hyperiot.streaming.engine.StreamTask} runs one stream definition over the records of
 * the source partitions it owns, emitting results, late records and dead letters to a
 * {@link org.hyperiot.streaming.engine.TaskOutput}; the Kafka runtime and the Storm bolts wrap it
 * with their own polling, committing and checkpointing.
 */
@Export
@Version("1.1.0")
package org.hyperiot.streaming.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
