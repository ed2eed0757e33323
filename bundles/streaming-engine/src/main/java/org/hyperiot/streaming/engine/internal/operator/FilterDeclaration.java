package org.hyperiot.streaming.engine.internal.operator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.AllOf;
import org.hyperiot.streaming.api.AnyOf;
import org.hyperiot.streaming.api.Comparison;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.FieldCondition;
import org.hyperiot.streaming.api.FilterOperator;
import org.hyperiot.streaming.api.NotCondition;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.pipeline.ConditionCompiler;
import org.hyperiot.streaming.engine.internal.pipeline.FilterTransform;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/**
 * {@code {"op": "filter", "where": {…}}}: keeps the records a condition holds for. Conditions nest
 * through {@code all}, {@code any} and {@code not} at most {@link DefinitionLimits#MAX_NESTING_DEPTH}
 * deep, which also bounds the recursion that reads, checks and compiles them.
 */
final class FilterDeclaration extends RecordOperatorDeclaration<FilterOperator> {

    private static final Set<String> MEMBERS = Set.of("op", "where");
    private static final List<String> COMBINATORS = List.of("all", "any", "not");
    private static final Set<String> FIELD_CONDITION_MEMBERS;

    static {
        Set<String> members = new LinkedHashSet<>();
        members.add("field");
        for (Comparison comparison : Comparison.values()) {
            members.add(comparison.jsonName());
        }
        FIELD_CONDITION_MEMBERS = Set.copyOf(members);
    }

    FilterDeclaration() {
        super("filter", FilterOperator.class);
    }

    @Override
    public FilterOperator read(JsonMembers in) {
        in.knownMembers(MEMBERS);
        JsonNode where = in.get("where");
        if (in.absent("where")) {
            return new FilterOperator(null);
        }
        // A condition with a problem cannot be kept without shifting the indexes of its siblings, so
        // the whole filter is left out; its problems are already reported.
        int errorsBefore = in.errorCount();
        Condition condition = readCondition(in, where, in.pointer("where"), 1);
        return condition == null || in.errorCount() > errorsBefore ? null : new FilterOperator(condition);
    }

    private static Condition readCondition(JsonMembers parent, JsonNode node, String pointer, int depth) {
        JsonMembers in = parent.object(node, pointer);
        if (in == null) {
            return null;
        }
        if (depth > DefinitionLimits.MAX_NESTING_DEPTH) {
            in.error(pointer, tooDeep());
            return null;
        }
        for (String combinator : COMBINATORS) {
            if (in.has(combinator)) {
                in.knownMembers(Set.of(combinator));
                JsonNode inner = in.get(combinator);
                String at = in.pointer(combinator);
                if (combinator.equals("not")) {
                    Condition negated = readCondition(in, inner, at, depth + 1);
                    return negated == null ? null : new NotCondition(negated);
                }
                if (!inner.isArray()) {
                    in.error(at, "must be an array of conditions");
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < inner.size(); i++) {
                    Condition part = readCondition(in, inner.get(i), at + "/" + i, depth + 1);
                    if (part != null) {
                        parts.add(part);
                    }
                }
                return combinator.equals("all") ? new AllOf(parts) : new AnyOf(parts);
            }
        }
        if (!in.has("field")) {
            in.error(pointer, "a condition needs a field and a comparison (eq, ne, gt, gte, lt, lte, in, exists), "
                    + "or all, any or not");
            return null;
        }
        in.knownMembers(FIELD_CONDITION_MEMBERS);
        String field = in.text("field");
        Comparison found = null;
        for (Comparison comparison : Comparison.values()) {
            if (in.has(comparison.jsonName())) {
                if (found != null) {
                    in.error(in.pointer(comparison.jsonName()), "a condition has one comparison; "
                            + "combine several with all");
                    return null;
                }
                found = comparison;
            }
        }
        if (found == null) {
            in.error(pointer, "needs one of eq, ne, gt, gte, lt, lte, in, exists");
            return null;
        }
        String operandPointer = in.pointer(found.jsonName());
        return new FieldCondition(field, found, in.value(in.get(found.jsonName()), operandPointer));
    }

    private static String tooDeep() {
        return "conditions are nested deeper than " + DefinitionLimits.MAX_NESTING_DEPTH + " levels";
    }

    @Override
    protected void check(FilterOperator filter, String pointer, DefinitionRules rules) {
        if (filter.where() == null) {
            rules.error(pointer + "/where", "is required");
        } else {
            checkCondition(filter.where(), pointer + "/where", 1, rules);
        }
    }

    private static void checkCondition(Condition condition, String pointer, int depth, DefinitionRules rules) {
        if (depth > DefinitionLimits.MAX_NESTING_DEPTH) {
            rules.error(pointer, tooDeep());
            return;
        }
        if (condition instanceof FieldCondition field) {
            rules.fieldPath(pointer + "/field", field.field());
            if (field.comparison() == null) {
                rules.error(pointer, "needs one of eq, ne, gt, gte, lt, lte, in, exists");
                return;
            }
            String operandPointer = pointer + "/" + field.comparison().jsonName();
            Object operand = field.value();
            switch (field.comparison()) {
                case IN -> {
                    if (!(operand instanceof List<?>)) {
                        rules.error(operandPointer, "must be an array of values");
                    } else {
                        rules.jsonValue(operandPointer, operand);
                    }
                }
                case EXISTS -> {
                    if (!(operand instanceof Boolean)) {
                        rules.error(operandPointer, "must be true or false");
                    }
                }
                case GT, GTE, LT, LTE -> {
                    if (!(operand instanceof Number || operand instanceof String)) {
                        rules.error(operandPointer, "must be a number or a string");
                    }
                }
                default -> rules.jsonValue(operandPointer, operand);
            }
        } else if (condition instanceof AllOf all) {
            checkConditions(all.conditions(), pointer + "/all", depth, rules);
        } else if (condition instanceof AnyOf any) {
            checkConditions(any.conditions(), pointer + "/any", depth, rules);
        } else if (condition instanceof NotCondition not) {
            if (not.condition() == null) {
                rules.error(pointer + "/not", "is required");
            } else {
                checkCondition(not.condition(), pointer + "/not", depth + 1, rules);
            }
        }
    }

    private static void checkConditions(List<Condition> conditions, String pointer, int depth,
                                        DefinitionRules rules) {
        if (conditions == null || conditions.isEmpty()) {
            rules.error(pointer, "needs at least one condition");
            return;
        }
        for (int i = 0; i < conditions.size(); i++) {
            checkCondition(conditions.get(i), pointer + "/" + i, depth + 1, rules);
        }
    }

    @Override
    protected void write(FilterOperator filter, ObjectNode node) {
        node.set("where", writeCondition(filter.where()));
    }

    private static JsonNode writeCondition(Condition condition) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (condition instanceof FieldCondition field) {
            node.put("field", field.field());
            node.set(field.comparison().jsonName(), tree(field.value()));
        } else if (condition instanceof AllOf all) {
            node.set("all", writeConditions(all.conditions()));
        } else if (condition instanceof AnyOf any) {
            node.set("any", writeConditions(any.conditions()));
        } else if (condition instanceof NotCondition not) {
            node.set("not", writeCondition(not.condition()));
        }
        return node;
    }

    private static ArrayNode writeConditions(List<Condition> conditions) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        conditions.forEach(c -> array.add(writeCondition(c)));
        return array;
    }

    @Override
    protected RecordTransform transform(FilterOperator filter, TransformContext context) {
        return new FilterTransform(ConditionCompiler.compile(filter.where()));
    }
}
