package org.hyperiot.streaming.storm.streams.internal;

import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.definition.OperatorDeclarations;

/** What a stream on Storm can do today; pure functions of the definition. */
final class StormStreamSupport {

    private StormStreamSupport() {
    }

    /**
     * Why the definition cannot run on Storm, pointing at each operator concerned: custom processors
     * and aggregators that are not {@link PortableExtensions portable}.
     */
    static List<ValidationError> refusals(StreamDefinition definition, PortableExtensions portable) {
        List<ValidationError> refusals = new ArrayList<>();
        for (ExtensionReference reference : OperatorDeclarations.references(definition)) {
            if (portable.classOf(reference) == null) {
                String header = reference.kind() == ExtensionReference.Kind.PROCESSOR
                        ? PortableExtensions.PROCESSORS_HEADER : PortableExtensions.AGGREGATORS_HEADER;
                refusals.add(new ValidationError(reference.pointer(), "custom " + reference.kind().word() + " '"
                        + reference.name() + "' is not portable: no running bundle declares it in its " + header
                        + " manifest header, so it cannot be packed into the topology; declare it there (it must "
                        + "need nothing but the streaming API) or use \"engine\": \"kafka\" for this stream"));
            }
        }
        return refusals;
    }

    /** The refusals as one line, for a failed task's error. */
    static String describe(List<ValidationError> refusals) {
        return String.join("; ", refusals.stream().map(error -> error.pointer() + ": " + error.message()).toList());
    }

    /** Whether the stream keeps window state in its changelog. */
    static boolean keepsState(StreamDefinition definition) {
        return definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
    }
}
