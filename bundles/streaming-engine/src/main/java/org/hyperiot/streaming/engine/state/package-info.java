/**
 * Keyed task state and its durability contract. Every change to a
 * {@link org.hyperiot.streaming.engine.state.StateStore} is reported as a
 * {@link org.hyperiot.streaming.engine.state.StateChange} so that a runtime can keep a compacted
 * changelog; a task's state can be rebuilt either from a
 * {@link org.hyperiot.streaming.engine.state.TaskSnapshot} or by replaying that changelog, with the
 * same result.
 */
@Export
@Version("1.0.0")
package org.hyperiot.streaming.engine.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
