package org.hyperiot.streaming.engine.internal.pipeline;

import java.util.List;
import java.util.function.Predicate;

import org.hyperiot.streaming.api.AllOf;
import org.hyperiot.streaming.api.AnyOf;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.FieldCondition;
import org.hyperiot.streaming.api.NotCondition;
import org.hyperiot.streaming.engine.internal.json.FieldPath;
import org.hyperiot.streaming.engine.internal.json.JsonValues;

/**
 * Turns a {@link Condition} into a predicate on record values. A value that is not an object has no
 * fields, so every field is missing in it: {@code ne} and {@code exists: false} hold, the rest do not.
 */
public final class ConditionCompiler {

    private ConditionCompiler() {
    }

    /** The predicate equivalent to the condition. */
    public static Predicate<Object> compile(Condition condition) {
        if (condition instanceof FieldCondition field) {
            return compileField(field);
        }
        if (condition instanceof AllOf all) {
            Predicate<Object>[] parts = compileAll(all.conditions());
            return value -> {
                for (Predicate<Object> part : parts) {
                    if (!part.test(value)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (condition instanceof AnyOf any) {
            Predicate<Object>[] parts = compileAll(any.conditions());
            return value -> {
                for (Predicate<Object> part : parts) {
                    if (part.test(value)) {
                        return true;
                    }
                }
                return false;
            };
        }
        Predicate<Object> negated = compile(((NotCondition) condition).condition());
        return negated.negate();
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Object>[] compileAll(List<Condition> conditions) {
        return conditions.stream().map(ConditionCompiler::compile).toArray(Predicate[]::new);
    }

    private static Predicate<Object> compileField(FieldCondition condition) {
        FieldPath path = FieldPath.of(condition.field());
        Object operand = condition.value();
        return switch (condition.comparison()) {
            case EQ -> value -> equalsOperand(path.get(value), operand);
            case NE -> value -> !equalsOperand(path.get(value), operand);
            case GT -> value -> ordered(path.get(value), operand, 1, false);
            case GTE -> value -> ordered(path.get(value), operand, 1, true);
            case LT -> value -> ordered(path.get(value), operand, -1, false);
            case LTE -> value -> ordered(path.get(value), operand, -1, true);
            case IN -> {
                List<?> candidates = (List<?>) operand;
                yield value -> {
                    Object field = path.get(value);
                    if (field == FieldPath.MISSING) {
                        return false;
                    }
                    for (Object candidate : candidates) {
                        if (JsonValues.equal(field, candidate)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case EXISTS -> {
                boolean wanted = Boolean.TRUE.equals(operand);
                yield value -> (path.get(value) != FieldPath.MISSING) == wanted;
            }
        };
    }

    private static boolean equalsOperand(Object field, Object operand) {
        return field != FieldPath.MISSING && JsonValues.equal(field, operand);
    }

    private static boolean ordered(Object field, Object operand, int direction, boolean orEqual) {
        if (field == FieldPath.MISSING) {
            return false;
        }
        Integer order = JsonValues.order(field, operand);
        if (order == null) {
            return false;
        }
        return order == 0 ? orEqual : Integer.signum(order) == direction;
    }
}
