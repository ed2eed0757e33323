package org.hyperiot.streaming.engine.internal.operator;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.KeyByTransform;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/** {@code {"op": "keyBy", "field": …}}: sets the record key from a field. */
final class KeyByDeclaration extends RecordOperatorDeclaration<KeyByOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "field");

    KeyByDeclaration() {
        super("keyBy", KeyByOperator.class);
    }

    @Override
    public KeyByOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        return new KeyByOperator(in.text("field"));
    }

    @Override
    protected void check(KeyByOperator keyBy, String pointer, DefinitionRules rules) {
        rules.fieldPath(pointer + "/field", keyBy.field());
    }

    @Override
    protected void write(KeyByOperator keyBy, ObjectNode node) {
        node.put("field", keyBy.field());
    }

    @Override
    protected RecordTransform transform(KeyByOperator keyBy, TransformContext context) {
        return new KeyByTransform(keyBy.field());
    }
}
