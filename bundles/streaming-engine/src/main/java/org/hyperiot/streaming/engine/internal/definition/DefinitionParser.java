package org.hyperiot.streaming.engine.internal.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.api.AggregateFunction;
import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.AllOf;
import org.hyperiot.streaming.api.AnyOf;
import org.hyperiot.streaming.api.BatchSpec;
import org.hyperiot.streaming.api.Comparison;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.CountWindow;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.Engine;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.FieldCondition;
import org.hyperiot.streaming.api.FilterOperator;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.NotCondition;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.ProcessorOperator;
import org.hyperiot.streaming.api.ProjectOperator;
import org.hyperiot.streaming.api.RenameOperator;
import org.hyperiot.streaming.api.SessionWindow;
import org.hyperiot.streaming.api.SetOperator;
import org.hyperiot.streaming.api.SideOutput;
import org.hyperiot.streaming.api.SinkSpec;
import org.hyperiot.streaming.api.SlidingWindow;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StartPosition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.TumblingWindow;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WatermarkSpec;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.WindowSpec;
import org.hyperiot.streaming.api.WindowType;
import org.hyperiot.streaming.engine.definition.DurationFormat;

/**
 * Turns a JSON tree into a {@link StreamDefinition}, reporting what does not fit the document's
 * shape: unknown members, wrong types, unknown names, durations that do not parse. Defaults are
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
    private static final Set<String> AGGREGATE_FIELDS = Set.of("fn", "field", "as", "name");
    private static final Map<String, Set<String>> OPERATOR_FIELDS = Map.of(
            "filter", Set.of("op", "where"),
            "project", Set.of("op", "fields"),
            "set", Set.of("op", "field", "value"),
            "rename", Set.of("op", "from", "to"),
            "keyBy", Set.of("op", "field"),
            "processor", Set.of("op", "name", "config"),
            "window", Set.of("op", "type", "size", "slide", "gap", "allowedLateness", "emit", "aggregate"));
    private static final List<String> OPERATOR_NAMES =
            List.of("filter", "project", "set", "rename", "keyBy", "processor", "window");
    private static final Map<WindowType, Set<String>> WINDOW_PARAMETERS = Map.of(
            WindowType.TUMBLING, Set.of("size"),
            WindowType.SLIDING, Set.of("size", "slide"),
            WindowType.SESSION, Set.of("gap"),
            WindowType.COUNT, Set.of("size", "slide"));

    private final List<ValidationError> errors = new ArrayList<>();
    private final List<Integer> operatorIndexes = new ArrayList<>();

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

    private void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private boolean object(JsonNode node, String pointer) {
        if (!node.isObject()) {
            error(pointer, "must be an object");
            return false;
        }
        return true;
    }

    private void knownFields(JsonNode object, String pointer, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!allowed.contains(field)) {
                error(Pointers.child(pointer, field), "unknown field '" + field + "'; expected one of: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private String text(JsonNode object, String field, String pointer) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            error(Pointers.child(pointer, field), "must be a string");
            return null;
        }
        return node.textValue();
    }

    private Long integer(JsonNode object, String field, String pointer) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            error(Pointers.child(pointer, field), "must be a whole number");
            return null;
        }
        return node.longValue();
    }

    private Duration duration(JsonNode object, String field, String pointer, Duration defaultValue) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return defaultValue;
        }
        String at = Pointers.child(pointer, field);
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

    private <E> E choice(JsonNode object, String field, String pointer, String what,
                         Function<String, Optional<E>> lookup, E[] values, Function<E, String> jsonName,
                         E defaultValue) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return defaultValue;
        }
        String at = Pointers.child(pointer, field);
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
            Operator operator = operator(node.get(i), Pointers.child("/pipeline", i));
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
        if (absent(opNode) || !opNode.isTextual()) {
            error(pointer + "/op", "is required: one of " + String.join(", ", OPERATOR_NAMES));
            return null;
        }
        String op = opNode.textValue();
        Set<String> allowed = OPERATOR_FIELDS.get(op);
        if (allowed == null) {
            error(pointer + "/op", "unknown operator '" + op + "'; expected one of: "
                    + String.join(", ", OPERATOR_NAMES));
            return null;
        }
        if (!op.equals("window")) {
            knownFields(node, pointer, allowed);
        }
        return switch (op) {
            case "filter" -> {
                JsonNode where = node.get("where");
                if (absent(where)) {
                    yield new FilterOperator(null);
                }
                // A condition with a problem cannot be kept without shifting the indexes of its
                // siblings, so the whole filter is left out; its problems are already reported.
                int errorsBefore = errors.size();
                Condition condition = condition(where, pointer + "/where");
                yield condition == null || errors.size() > errorsBefore ? null : new FilterOperator(condition);
            }
            case "project" -> new ProjectOperator(stringList(node, "fields", pointer));
            case "set" -> {
                if (!node.has("value")) {
                    error(pointer + "/value", "is required (it may be null)");
                }
                yield new SetOperator(text(node, "field", pointer), JsonTrees.toJava(node.get("value")));
            }
            case "rename" -> new RenameOperator(text(node, "from", pointer), text(node, "to", pointer));
            case "keyBy" -> new KeyByOperator(text(node, "field", pointer));
            case "processor" -> {
                JsonNode config = node.get("config");
                Map<String, Object> configMap = null;
                if (!absent(config)) {
                    if (!config.isObject()) {
                        error(pointer + "/config", "must be an object");
                    } else {
                        configMap = JsonTrees.toJavaObject(config);
                    }
                }
                yield new ProcessorOperator(text(node, "name", pointer), configMap);
            }
            default -> window(node, pointer);
        };
    }

    private List<String> stringList(JsonNode object, String field, String pointer) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            return null;
        }
        String at = Pointers.child(pointer, field);
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
    private List<String> strings(JsonNode array, String pointer) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isTextual()) {
                values.add(element.textValue());
            } else {
                error(Pointers.child(pointer, i), "must be a string");
                values.add(element.toString());
            }
        }
        return values;
    }

    private Condition condition(JsonNode node, String pointer) {
        if (!object(node, pointer)) {
            return null;
        }
        for (String combinator : List.of("all", "any", "not")) {
            if (node.has(combinator)) {
                knownFields(node, pointer, Set.of(combinator));
                JsonNode inner = node.get(combinator);
                String at = pointer + "/" + combinator;
                if (combinator.equals("not")) {
                    Condition negated = condition(inner, at);
                    return negated == null ? null : new NotCondition(negated);
                }
                if (!inner.isArray()) {
                    error(at, "must be an array of conditions");
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < inner.size(); i++) {
                    Condition part = condition(inner.get(i), Pointers.child(at, i));
                    if (part != null) {
                        parts.add(part);
                    }
                }
                return combinator.equals("all") ? new AllOf(parts) : new AnyOf(parts);
            }
        }
        if (!node.has("field")) {
            error(pointer, "a condition needs a field and a comparison (eq, ne, gt, gte, lt, lte, in, exists), "
                    + "or all, any or not");
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add("field");
        for (Comparison comparison : Comparison.values()) {
            allowed.add(comparison.jsonName());
        }
        knownFields(node, pointer, allowed);
        String field = text(node, "field", pointer);
        Comparison found = null;
        for (Comparison comparison : Comparison.values()) {
            if (node.has(comparison.jsonName())) {
                if (found != null) {
                    error(pointer + "/" + comparison.jsonName(), "a condition has one comparison; "
                            + "combine several with all");
                    return null;
                }
                found = comparison;
            }
        }
        if (found == null) {
            error(pointer, "needs one of eq, ne, gt, gte, lt, lte, in, exists");
            return null;
        }
        return new FieldCondition(field, found, JsonTrees.toJava(node.get(found.jsonName())));
    }

    private WindowOperator window(JsonNode node, String pointer) {
        WindowType type = choice(node, "type", pointer, "window type", WindowType::fromJsonName,
                WindowType.values(), WindowType::jsonName, null);
        if (type == null) {
            if (!node.has("type")) {
                error(pointer + "/type", "is required: one of tumbling, sliding, session, count");
            }
            return null;
        }
        Set<String> parameters = WINDOW_PARAMETERS.get(type);
        Set<String> allowed = new LinkedHashSet<>(Set.of("op", "type", "emit", "aggregate"));
        allowed.addAll(parameters);
        if (type != WindowType.COUNT) {
            allowed.add("allowedLateness");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (allowed.contains(field)) {
                continue;
            }
            if (field.equals("allowedLateness")) {
                error(pointer + "/allowedLateness", "does not apply to count windows, which have no lateness");
            } else if (OPERATOR_FIELDS.get("window").contains(field)) {
                error(Pointers.child(pointer, field), "'" + field + "' does not apply to " + type.jsonName()
                        + " windows; they take " + String.join(" and ", parameters));
            } else {
                error(Pointers.child(pointer, field), "unknown field '" + field + "'; expected one of: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        WindowSpec spec = switch (type) {
            case TUMBLING -> new TumblingWindow(requiredDuration(node, "size", pointer));
            case SLIDING -> new SlidingWindow(requiredDuration(node, "size", pointer),
                    requiredDuration(node, "slide", pointer));
            case SESSION -> new SessionWindow(requiredDuration(node, "gap", pointer));
            case COUNT -> {
                Long size = integer(node, "size", pointer);
                if (size == null && !node.has("size")) {
                    error(pointer + "/size", "is required");
                }
                Long slide = integer(node, "slide", pointer);
                long sizeValue = size == null ? 0 : size;
                yield new CountWindow(sizeValue, slide == null ? sizeValue : slide);
            }
        };
        Duration lateness = type == WindowType.COUNT ? Duration.ZERO
                : duration(node, "allowedLateness", pointer, WindowOperator.DEFAULT_ALLOWED_LATENESS);
        EmitMode emit = choice(node, "emit", pointer, "emit mode", EmitMode::fromJsonName, EmitMode.values(),
                EmitMode::jsonName, WindowOperator.DEFAULT_EMIT);
        return new WindowOperator(spec, lateness, emit, aggregates(node.get("aggregate"), pointer + "/aggregate"));
    }

    private Duration requiredDuration(JsonNode node, String field, String pointer) {
        if (absent(node.get(field))) {
            error(Pointers.child(pointer, field), "is required");
            return null;
        }
        return duration(node, field, pointer, null);
    }

    private List<AggregateSpec> aggregates(JsonNode node, String pointer) {
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            error(pointer, "must be an array of aggregates");
            return null;
        }
        List<AggregateSpec> aggregates = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = Pointers.child(pointer, i);
            JsonNode aggregate = node.get(i);
            if (!object(aggregate, at)) {
                // Kept empty so that later aggregates keep their index.
                aggregates.add(new AggregateSpec(null, null, null, null));
                continue;
            }
            knownFields(aggregate, at, AGGREGATE_FIELDS);
            AggregateFunction fn = choice(aggregate, "fn", at, "aggregate function", AggregateFunction::fromJsonName,
                    AggregateFunction.values(), AggregateFunction::jsonName, null);
            aggregates.add(new AggregateSpec(fn, text(aggregate, "field", at), text(aggregate, "as", at),
                    text(aggregate, "name", at)));
        }
        return aggregates;
    }

    /** Conversion of JSON trees to the Java form the model holds. */
    static final class JsonTrees {

        private JsonTrees() {
        }

        static Object toJava(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isObject()) {
                return toJavaObject(node);
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(toJava(element)));
                return list;
            }
            if (node.isIntegralNumber()) {
                return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
            }
            if (node.isNumber()) {
                return node.isBigDecimal() ? node.decimalValue() : (Object) node.doubleValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return node.asText();
        }

        static Map<String, Object> toJavaObject(JsonNode node) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
            return map;
        }
    }
}
