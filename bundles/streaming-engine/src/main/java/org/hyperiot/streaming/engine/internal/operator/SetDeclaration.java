package org.hyperiot.streaming.engine.internal.operator;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.SetOperator;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;
import org.hyperiot.streaming.engine.internal.pipeline.SetTransform;

/** {@code {"op": "set", "field": …, "value": …}}: sets a field to a constant JSON value. */
final class SetDeclaration extends RecordOperatorDeclaration<SetOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "field", "value");

    SetDeclaration() {
        super("set", SetOperator.class);
    }

    @Override
    public SetOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        if (!in.has("value")) {
            in.error(in.pointer("value"), "is required (it may be null)");
        }
        return new SetOperator(in.text("field"), in.value(in.get("value"), in.pointer("value")));
    }

    @Override
    protected void check(SetOperator set, String pointer, DefinitionRules rules) {
        rules.fieldPath(pointer + "/field", set.field());
        rules.jsonValue(pointer + "/value", set.value());
    }

    @Override
    protected void write(SetOperator set, ObjectNode node) {
        node.put("field", set.field());
        node.set("value", tree(set.value()));
    }

    @Override
    protected RecordTransform transform(SetOperator set, TransformContext context) {
        return new SetTransform(set.field(), set.value());
    }
}
