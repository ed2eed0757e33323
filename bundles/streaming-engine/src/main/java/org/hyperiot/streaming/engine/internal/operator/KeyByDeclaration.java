package org.hyperiot.streaming.engine.internal.operator;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.KeyByTransform;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/**
 * {@code {"op": "keyBy", "field": …, "sourcePartitioned": false, "partitions": n}}: sets the record key
 * from a field; before a window, says whether the stream must repartition by it and how widely.
 */
final class KeyByDeclaration extends RecordOperatorDeclaration<KeyByOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "field", "sourcePartitioned", "partitions");

    KeyByDeclaration() {
        super("keyBy", KeyByOperator.class);
    }

    @Override
    public KeyByOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        Boolean sourcePartitioned = in.bool("sourcePartitioned", false);
        Long partitions = in.integer("partitions");
        Integer count = null;
        if (partitions != null) {
            if (partitions < 1 || partitions > DefinitionLimits.MAX_REPARTITION_PARTITIONS) {
                in.error(in.pointer("partitions"), "must be between 1 and " + DefinitionLimits.MAX_REPARTITION_PARTITIONS);
            } else {
                count = partitions.intValue();
            }
        }
        return new KeyByOperator(in.text("field"), Boolean.TRUE.equals(sourcePartitioned), count);
    }

    @Override
    protected void check(KeyByOperator keyBy, String pointer, DefinitionRules rules) {
        rules.fieldPath(pointer + "/field", keyBy.field());
        Integer partitions = keyBy.partitions();
        if (partitions != null) {
            if (partitions < 1 || partitions > DefinitionLimits.MAX_REPARTITION_PARTITIONS) {
                rules.error(pointer + "/partitions", "must be between 1 and " + DefinitionLimits.MAX_REPARTITION_PARTITIONS);
            } else if (keyBy.sourcePartitioned()) {
                rules.error(pointer + "/partitions", "a source already partitioned by the key is not repartitioned; "
                        + "leave out partitions or sourcePartitioned");
            }
        }
    }

    @Override
    protected void write(KeyByOperator keyBy, ObjectNode node) {
        node.put("field", keyBy.field());
        if (keyBy.sourcePartitioned()) {
            node.put("sourcePartitioned", true);
        }
        if (keyBy.partitions() != null) {
            node.put("partitions", keyBy.partitions());
        }
    }

    @Override
    protected RecordTransform transform(KeyByOperator keyBy, TransformContext context) {
        return new KeyByTransform(keyBy.field());
    }
}
