package org.hyperiot.streaming.engine.internal.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.api.BatchSpec;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.Engine;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SideOutput;
import org.hyperiot.streaming.api.SinkSpec;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StartPosition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WatermarkSpec;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.hyperiot.streaming.engine.definition.DurationFormat;
import org.hyperiot.streaming.engine.definition.JsonPointers;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;
import org.hyperiot.streaming.engine.internal.operator.OperatorDeclaration;

/**
 * Turns a JSON tree into a {@link StreamDefinition}, reporting what does not fit the document's
 * shape: unknown members, wrong types, unknown names, durations that do not parse, values nested too
 * deep. Each pipeline operator is read by its declaration ({@link DeclaredOperators}). Defaults are
 * filled in exactly as {@link StreamDefinition.Builder} fills them in. An operator with a problem is
 * left out of the model (and its problems reported), so that the rules checked afterwards do not
 * repeat them; {@link #operatorPointer(int)} maps model indexes back to the document.
 */
public final class DefinitionParser {

    private static final Set<String> ROOT_FIELDS = Set.of("name", "description", "engine", "mode", "guarantee",
            "parallelism", "commitInterval", "source", "watermark", "pipeline", "sink", "lateRecords",
            "deadLetter", "batch");
    private static final Set<String> SOURCE_FIELDS = Set.of("topics", "format", "startFrom", "eventTime");
    private static final Set<String> WATERMARK_FIELDS = Set.of("maxOutOfOrderness", "idleTimeout");
    private static final Set<String> BATCH_FIELDS = Set.of("interval", "maxRecords");
    private static final Set<String> SINK_FIELDS = Set.of("topic", "format");
    private static final Set<String> TOPIC_FIELDS = Set.of("topic");

    private final List<ValidationError> errors = new ArrayList<>();
    private final List<Integer> operatorIndexes = new ArrayList<>();
    private int valueErrorsBefore;

    /** The problems found so far. */
    public List<ValidationError> errors() {
        return errors;
    }

    /** The pointer of the operator at a model index. */
    public String operatorPointer(int modelIndex) {
        return "/pipeline/" + operatorIndexes.get(modelIndex);
    }

    /** Reads the document; check {@link #errors()} afterwards. */
    public StreamDefinition parse(JsonNode root) {
        if (!root.isObject()) {
            errors.add(new ValidationError("", "a stream definition must be a JSON object"));
            return null;
        }
        knownFields(root, "", ROOT_FIELDS);
        String name = text(root, "name", "");
        String description = text(root, "description", "");
        Engine engine = choice(root, "engine", "", "engine", Engine::fromJsonName, Engine.values(),
                Engine::jsonName, StreamDefinition.DEFAULT_ENGINE);
        ProcessingMode mode = choice(root, "mode", "", "mode", ProcessingMode::fromJsonName,
                ProcessingMode.values(), ProcessingMode::jsonName, StreamDefinition.DEFAULT_MODE);
        Guarantee guarantee = choice(root, "guarantee", "", "guarantee", Guarantee::fromJsonName,
                Guarantee.values(), Guarantee::jsonName, StreamDefinition.DEFAULT_GUARANTEE);
        Long parallelism = integer(root, "parallelism", "");
        Duration commitInterval = duration(root, "commitInterval", "", StreamDefinition.DEFAULT_COMMIT_INTERVAL);
        SourceSpec source = source(root.get("source"));
        WatermarkSpec watermark = watermark(root.get("watermark"));
        List<Operator> pipeline = pipeline(root.get("pipeline"));
        SinkSpec sink = sink(root.get("sink"));
        SideOutput lateRecords = sideOutput(root.get("lateRecords"), "/lateRecords");
        SideOutput deadLetter = sideOutput(root.get("deadLetter"), "/deadLetter");
        BatchSpec batch = batch(root.get("batch"));
        int parallelismValue = parallelism == null ? StreamDefinition.DEFAULT_PARALLELISM
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parallelism));
        return new StreamDefinition(name, description, engine, mode, guarantee, parallelismValue, commitInterval,
                source, watermark, pipeline, sink, lateRecords, deadLetter, batch);
    }

    void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    boolean object(JsonNode node, String pointer) {
        if (!node.isObject()) {
            error(pointer, "must be an object");
            return false;
        }
        return true;
    }

    void knownFields(JsonNode object, String pointer, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!allowed.contains(field)) {
                error(JsonPointers.child(pointer, field), "unknown field '" + field + "'; expected one of: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    String text(JsonNode object, String field, String pointer) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            error(JsonPointers.child(pointer, field), "must be a string");
            return null;
        }
        return node.textValue();
    }

    Long integer(JsonNode object, String field, String pointer) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            error(JsonPointers.child(pointer, field), "must be a whole number");
            return null;
        }
        return node.longValue();
    }

    Duration duration(JsonNode object, String field, String pointer, Duration defaultValue) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return defaultValue;
        }
        String at = JsonPointers.child(pointer, field);
        if (!node.isTextual()) {
            error(at, "must be a duration such as \"250ms\", \"2s\", \"5m\" or \"1h\"");
            return null;
        }
        Optional<Duration> parsed = DurationFormat.parse(node.textValue());
        if (parsed.isEmpty()) {
            error(at, "'" + node.textValue() + "' is not a duration: write a whole number followed by ms, s, m "
                    + "or h, such as 250ms, 2s, 5m or 1h");
            return null;
        }
        return parsed.get();
    }

    <E> E choice(JsonNode object, String field, String pointer, String what,
                         Function<String, Optional<E>> lookup, E[] values, Function<E, String> jsonName,
                         E defaultValue) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return defaultValue;
        }
        String at = JsonPointers.child(pointer, field);
        String expected = Arrays.stream(values).map(jsonName).collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            error(at, "must be one of: " + expected);
            return null;
        }
        Optional<E> value = lookup.apply(node.textValue());
        if (value.isEmpty()) {
            error(at, "unknown " + what + " '" + node.textValue() + "'; expected one of: " + expected);
            return null;
        }
        return value.get();
    }

    private SourceSpec source(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!object(node, "/source")) {
            return null;
        }
        knownFields(node, "/source", SOURCE_FIELDS);
        List<String> topics = null;
        JsonNode topicsNode = node.get("topics");
        if (!absent(topicsNode)) {
            if (!topicsNode.isArray()) {
                error("/source/topics", "must be an array of topic names");
            } else {
                topics = strings(topicsNode, "/source/topics");
            }
        }
        DataFormat format = choice(node, "format", "/source", "format", DataFormat::fromJsonName,
                DataFormat.values(), DataFormat::jsonName, SourceSpec.DEFAULT_FORMAT);
        StartPosition startFrom = choice(node, "startFrom", "/source", "start position",
                StartPosition::fromJsonName, StartPosition.values(), StartPosition::jsonName,
                SourceSpec.DEFAULT_START_FROM);
        return new SourceSpec(topics, format, startFrom, eventTime(node.get("eventTime")));
    }

    private EventTime eventTime(JsonNode node) {
        if (absent(node)) {
            return EventTime.recordTimestamp();
        }
        String pointer = "/source/eventTime";
        if (node.isTextual()) {
            if (node.textValue().equals("processing")) {
                return EventTime.processingTime();
            }
            error(pointer, "must be \"processing\" or {\"field\": \"<field>\"}; leave it out to use the "
                    + "record timestamp");
            return null;
        }
        if (!node.isObject()) {
            error(pointer, "must be \"processing\" or {\"field\": \"<field>\"}");
            return null;
        }
        knownFields(node, pointer, Set.of("field"));
        return EventTime.field(text(node, "field", pointer));
    }

    private WatermarkSpec watermark(JsonNode node) {
        if (absent(node)) {
            return WatermarkSpec.DEFAULT;
        }
        if (!object(node, "/watermark")) {
            return null;
        }
        knownFields(node, "/watermark", WATERMARK_FIELDS);
        return new WatermarkSpec(duration(node, "maxOutOfOrderness", "/watermark", Duration.ZERO),
                duration(node, "idleTimeout", "/watermark", null));
    }

    private BatchSpec batch(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!object(node, "/batch")) {
            return null;
        }
        knownFields(node, "/batch", BATCH_FIELDS);
        Duration interval = duration(node, "interval", "/batch", null);
        Long maxRecords = integer(node, "maxRecords", "/batch");
        if (interval == null && !node.has("interval")) {
            error("/batch/interval", "is required");
        }
        if (maxRecords == null && !node.has("maxRecords")) {
            error("/batch/maxRecords", "is required");
        }
        int max = maxRecords == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, maxRecords));
        return new BatchSpec(interval, max);
    }

    private SinkSpec sink(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!object(node, "/sink")) {
            return null;
        }
        knownFields(node, "/sink", SINK_FIELDS);
        return new SinkSpec(text(node, "topic", "/sink"), choice(node, "format", "/sink", "format",
                DataFormat::fromJsonName, DataFormat.values(), DataFormat::jsonName, SinkSpec.DEFAULT_FORMAT));
    }

    private SideOutput sideOutput(JsonNode node, String pointer) {
        if (absent(node)) {
            return null;
        }
        if (!object(node, pointer)) {
            return null;
        }
        knownFields(node, pointer, TOPIC_FIELDS);
        return new SideOutput(text(node, "topic", pointer));
    }

    private List<Operator> pipeline(JsonNode node) {
        List<Operator> pipeline = new ArrayList<>();
        if (absent(node)) {
            return pipeline;
        }
        if (!node.isArray()) {
            error("/pipeline", "must be an array of operators");
            return pipeline;
        }
        for (int i = 0; i < node.size(); i++) {
            Operator operator = operator(node.get(i), JsonPointers.child("/pipeline", i));
            if (operator != null) {
                pipeline.add(operator);
                operatorIndexes.add(i);
            }
        }
        return pipeline;
    }

    private Operator operator(JsonNode node, String pointer) {
        if (!object(node, pointer)) {
            return null;
        }
        JsonNode opNode = node.get("op");
        String names = String.join(", ", DeclaredOperators.names());
        if (absent(opNode) || !opNode.isTextual()) {
            error(pointer + "/op", "is required: one of " + names);
            return null;
        }
        String op = opNode.textValue();
        OperatorDeclaration<?> declaration = DeclaredOperators.byName(op);
        if (declaration == null) {
            error(pointer + "/op", "unknown operator '" + op + "'; expected one of: " + names);
            return null;
        }
        return declaration.read(new JsonMembers(this, node, pointer));
    }

    List<String> stringList(JsonNode object, String field, String pointer) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return null;
        }
        String at = JsonPointers.child(pointer, field);
        if (!node.isArray()) {
            error(at, "must be an array of strings");
            return null;
        }
        return strings(node, at);
    }

    /**
     * The strings of an array. An element that is not a string is reported and kept as its JSON text,
     * so that later elements keep their index for the rules checked afterwards.
     */
    List<String> strings(JsonNode array, String pointer) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isTextual()) {
                values.add(element.textValue());
            } else {
                error(JsonPointers.child(pointer, i), "must be a string");
                values.add(element.toString());
            }
        }
        return values;
    }

    Duration requiredDuration(JsonNode node, String field, String pointer) {
        if (absent(node.get(field))) {
            error(JsonPointers.child(pointer, field), "is required");
            return null;
        }
        return duration(node, field, pointer, null);
    }

    /**
     * The Java form of a JSON value, as the model holds it. A value nested deeper than
     * {@link DefinitionLimits#MAX_NESTING_DEPTH} or holding a number longer than
     * {@link DefinitionLimits#MAX_NUMBER_LENGTH} digits is reported and read as {@code null}; the
     * depth check also keeps this recursion far from the end of the stack.
     */
    Object value(JsonNode node, String pointer) {
        valueErrorsBefore = errors.size();
        Object value = toJava(node, pointer, 0);
        return valueRefused() ? null : value;
    }

    Map<String, Object> objectValue(JsonNode node, String pointer) {
        valueErrorsBefore = errors.size();
        Map<String, Object> value = toJavaObject(node, pointer, 0);
        return valueRefused() ? null : value;
    }

    /** True once the value being converted has a problem: one report per value is enough. */
    private boolean valueRefused() {
        return errors.size() > valueErrorsBefore;
    }

    private Object toJava(JsonNode node, String pointer, int depth) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainerNode() && depth >= DefinitionLimits.MAX_NESTING_DEPTH) {
            error(pointer, "arrays and objects are nested deeper than " + DefinitionLimits.MAX_NESTING_DEPTH
                    + " levels");
            return null;
        }
        if (node.isObject()) {
            return toJavaObject(node, pointer, depth);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size() && !valueRefused(); i++) {
                list.add(toJava(node.get(i), JsonPointers.child(pointer, i), depth + 1));
            }
            return list;
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                return node.longValue();
            }
            if (node.bigIntegerValue().abs().toString().length() > DefinitionLimits.MAX_NUMBER_LENGTH) {
                error(pointer, "numbers may have at most " + DefinitionLimits.MAX_NUMBER_LENGTH + " digits");
                return null;
            }
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : (Object) node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private Map<String, Object> toJavaObject(JsonNode node, String pointer, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext() && !valueRefused()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            map.put(entry.getKey(), toJava(entry.getValue(), JsonPointers.child(pointer, entry.getKey()), depth + 1));
        }
        return map;
    }
}
