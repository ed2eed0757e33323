package org.hyperiot.streaming.storm.streams.internal;

import java.util.List;
import java.util.Optional;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.Repartitioning;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.definition.OperatorDeclarations;

/** What a stream on Storm can do today; pure functions of the definition. */
final class StormStreamSupport {

    private StormStreamSupport() {
    }

    /**
     * Why the definition cannot run on Storm yet, if it cannot: custom processors and aggregators are
     * not packed into the topology, and a stream that repartitions (keyBy before a window) would need a
     * second spout and bolt over the repartition topic.
     */
    static Optional<String> unsupported(StreamDefinition definition) {
        List<ExtensionReference> references = OperatorDeclarations.references(definition);
        if (!references.isEmpty()) {
            ExtensionReference first = references.get(0);
            return Optional.of("custom " + first.kind().word() + " '" + first.name() + "' at " + first.pointer()
                    + " does not run on Storm yet; use \"engine\": \"kafka\" for this stream");
        }
        if (Repartitioning.required(definition)) {
            return Optional.of("a keyBy before the window repartitions the stream, which streams on Storm do not "
                    + "do yet; use \"engine\": \"kafka\" for this stream");
        }
        return Optional.empty();
    }

    /** Whether the stream keeps window state in its changelog. */
    static boolean keepsState(StreamDefinition definition) {
        return definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
    }
}
