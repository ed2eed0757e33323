/**
 * The engine SPI: how the stream manager runs a stream on an execution engine. An engine is an OSGi
 * service {@link org.hyperiot.streaming.api.engine.StreamEngine} with the service property
 * {@value org.hyperiot.streaming.api.engine.StreamEngine#ENGINE_PROPERTY} naming it; a definition's
 * {@code engine} selects it ({@code kafka}: tasks inside the Karaf nodes; {@code storm}: a Storm
 * topology).
 */
@Export
@Version("1.2.0")
package org.hyperiot.streaming.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
