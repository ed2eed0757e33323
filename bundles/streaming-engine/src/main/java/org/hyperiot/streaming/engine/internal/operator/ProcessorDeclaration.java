package org.hyperiot.streaming.engine.internal.operator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.ProcessorOperator;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.ProcessorTransform;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/** {@code {"op": "processor", "name": …, "config": {…}}}: a custom processor from a user bundle. */
final class ProcessorDeclaration extends RecordOperatorDeclaration<ProcessorOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "name", "config");

    ProcessorDeclaration() {
        super("processor", ProcessorOperator.class);
    }

    @Override
    public ProcessorOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        JsonNode config = in.get("config");
        Map<String, Object> configMap = null;
        if (!in.absent("config")) {
            if (!config.isObject()) {
                in.error(in.pointer("config"), "must be an object");
            } else {
                configMap = in.objectValue(config, in.pointer("config"));
            }
        }
        return new ProcessorOperator(in.text("name"), configMap);
    }

    @Override
    protected void check(ProcessorOperator processor, String pointer, DefinitionRules rules) {
        rules.extensionName(pointer + "/name", processor.name(), "processor");
        rules.jsonValue(pointer + "/config", processor.config());
    }

    @Override
    protected void write(ProcessorOperator processor, ObjectNode node) {
        node.put("name", processor.name());
        if (!processor.config().isEmpty()) {
            node.set("config", tree(processor.config()));
        }
    }

    @Override
    protected void references(ProcessorOperator processor, String pointer, List<ExtensionReference> into) {
        into.add(new ExtensionReference(pointer + "/name", ExtensionReference.Kind.PROCESSOR, processor.name()));
    }

    @Override
    public boolean readsFields() {
        return false;
    }

    @Override
    public boolean producesObjects() {
        return true;
    }

    @Override
    protected RecordTransform transform(ProcessorOperator processor, TransformContext context) {
        Optional<StreamProcessor> instance = context.acquireProcessor(processor.name());
        return instance.map(p -> new ProcessorTransform(p, processor.config(),
                context.processorContext(processor.name()))).orElse(null);
    }
}
