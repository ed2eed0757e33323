/**
 * The stream definition and stream management contract of HyperIoT Streaming. A
 * {@link org.hyperiot.streaming.api.StreamDefinition} is the immutable Java form of the JSON stream
 * document (source, pipeline of operators, window, sink, side outputs, guarantee); the fluent
 * {@link org.hyperiot.streaming.api.StreamDefinition.Builder} builds the same model the JSON reader
 * produces, and {@link org.hyperiot.streaming.api.StreamManager} is the service that creates, starts
 * and observes streams. User bundles extend streams by registering a
 * {@link org.hyperiot.streaming.api.StreamProcessor} or {@link org.hyperiot.streaming.api.StreamAggregator}
 * as an OSGi service with a name property that stream definitions refer to.
 */
@Export
@Version("1.3.0")
package org.hyperiot.streaming.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
