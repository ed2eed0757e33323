/**
 * Apache Storm from inside the platform: the {@link org.hyperiot.streaming.api.storm.TopologyService}
 * lists and controls the topologies of the Storm cluster the node is connected to, and a bundle that
 * registers a {@link org.hyperiot.streaming.api.storm.TopologyProvider} gets its topology deployed,
 * redeployed when it changes and killed when it goes away. Failures carry a stable
 * {@link org.hyperiot.streaming.api.storm.StormException#errorCode() code}.
 *
 * <p>Only {@link org.hyperiot.streaming.api.storm.TopologyProvider#topology()} names a Storm type;
 * everything else is plain Java, so callers that only read or control topologies need no Storm
 * classes.
 */
@Export
@Version("1.0.0")
package org.hyperiot.streaming.api.storm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
