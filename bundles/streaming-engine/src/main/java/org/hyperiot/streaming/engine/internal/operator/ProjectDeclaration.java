package org.hyperiot.streaming.engine.internal.operator;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.ProjectOperator;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.ProjectTransform;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/** {@code {"op": "project", "fields": [...]}}: keeps only the listed fields. */
final class ProjectDeclaration extends RecordOperatorDeclaration<ProjectOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "fields");

    ProjectDeclaration() {
        super("project", ProjectOperator.class);
    }

    @Override
    public ProjectOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        return new ProjectOperator(in.stringList("fields"));
    }

    @Override
    protected void check(ProjectOperator project, String pointer, DefinitionRules rules) {
        List<String> fields = project.fields();
        if (fields == null || fields.isEmpty()) {
            rules.error(pointer + "/fields", "needs at least one field");
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            rules.fieldPath(pointer + "/fields/" + i, fields.get(i));
        }
    }

    @Override
    protected void write(ProjectOperator project, ObjectNode node) {
        ArrayNode fields = node.putArray("fields");
        project.fields().forEach(fields::add);
    }

    @Override
    protected RecordTransform transform(ProjectOperator project, TransformContext context) {
        return new ProjectTransform(project.fields());
    }
}
