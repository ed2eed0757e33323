/**
 * Testing streams and custom processors without Kafka, Storm or OSGi. The
 * {@link org.hyperiot.streaming.engine.testing.StreamTestDriver} runs a stream definition over records
 * piped in from the test, under a processing-time clock the test controls, and collects what the
 * stream writes to its sink, late-record and dead-letter topics.
 */
@Export
@Version("1.0.0")
package org.hyperiot.streaming.engine.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
