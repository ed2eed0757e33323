/**
 * Reading, validating and writing stream definitions. The JSON reader rejects unknown members and
 * reports every problem with the JSON pointer of the member at fault; the validator applies the
 * same rules, including the bounds of {@link org.hyperiot.streaming.engine.definition.DefinitionLimits},
 * to definitions built in Java; the writer produces JSON that reads back to an equal definition.
 * {@link org.hyperiot.streaming.engine.definition.OperatorDeclarations} tells runtimes which custom
 * processors and aggregators a definition needs.
 */
@Export
@Version("1.2.0")
package org.hyperiot.streaming.engine.definition;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
