package org.hyperiot.streaming.engine.internal.operator;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.RenameOperator;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;
import org.hyperiot.streaming.engine.internal.pipeline.RenameTransform;

/** {@code {"op": "rename", "from": …, "to": …}}: moves a field. */
final class RenameDeclaration extends RecordOperatorDeclaration<RenameOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "from", "to");

    RenameDeclaration() {
        super("rename", RenameOperator.class);
    }

    @Override
    public RenameOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        return new RenameOperator(in.text("from"), in.text("to"));
    }

    @Override
    protected void check(RenameOperator rename, String pointer, DefinitionRules rules) {
        rules.fieldPath(pointer + "/from", rename.from());
        rules.fieldPath(pointer + "/to", rename.to());
        if (rename.from() != null && rename.from().equals(rename.to())) {
            rules.error(pointer + "/to", "must differ from 'from'");
        }
    }

    @Override
    protected void write(RenameOperator rename, ObjectNode node) {
        node.put("from", rename.from());
        node.put("to", rename.to());
    }

    @Override
    protected RecordTransform transform(RenameOperator rename, TransformContext context) {
        return new RenameTransform(rename.from(), rename.to());
    }
}
