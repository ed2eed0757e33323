/**
 * The extension points for user bundles: custom record processors and custom window aggregators.
 * A bundle registers a {@link org.hyperiot.streaming.api.processor.StreamProcessor} or
 * {@link org.hyperiot.streaming.api.processor.StreamAggregator} as an OSGi service with a name
 * property, and stream definitions refer to it by that name; a stream whose processor is missing
 * waits until it is registered again.
 */
@Export
@Version("1.0.0")
package org.hyperiot.streaming.api.processor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
