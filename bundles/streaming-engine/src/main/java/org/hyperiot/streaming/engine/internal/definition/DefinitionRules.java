package org.hyperiot.streaming.engine.internal.definition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import org.hyperiot.streaming.api.AggregateFunction;
import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.AllOf;
import org.hyperiot.streaming.api.AnyOf;
import org.hyperiot.streaming.api.BatchSpec;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.CountWindow;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.FieldCondition;
import org.hyperiot.streaming.api.FilterOperator;
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
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.TumblingWindow;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WatermarkSpec;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.WindowSpec;
import org.hyperiot.streaming.engine.definition.DurationFormat;

/**
 * The rules a stream definition must follow, checked on the model so that definitions read from
 * JSON and built in Java are held to the same rules. Every broken rule is reported, with the JSON
 * pointer of the member at fault.
 */
public final class DefinitionRules {

    private static final Pattern STREAM_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Set<String> RESERVED_RESULT_MEMBERS = Set.of("key", "windowStart", "windowEnd");
    private static final int MAX_PARALLELISM = 1024;

    private final List<ValidationError> errors;
    private final IntFunction<String> operatorPointer;

    public static boolean isStreamName(String name) {
        return name != null && STREAM_NAME.matcher(name).matches();
    }

    private DefinitionRules(List<ValidationError> errors, IntFunction<String> operatorPointer) {
        this.errors = errors;
        this.operatorPointer = operatorPointer;
    }

    /**
     * Checks a definition, adding every broken rule to {@code errors}.
     *
     * @param operatorPointer the pointer of the pipeline operator at a model index; the JSON reader
     *                        maps indexes because operators it could not read are not in the model
     */
    public static void check(StreamDefinition definition, IntFunction<String> operatorPointer,
                             List<ValidationError> errors) {
        new DefinitionRules(errors, operatorPointer).check(definition);
    }

    private void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }

    private void check(StreamDefinition d) {
        if (d.name() == null) {
            error("/name", "is required");
        } else if (!isStreamName(d.name())) {
            error("/name", "'" + d.name() + "' is not a valid stream name: use 1 to 63 lower-case letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
        required("/engine", d.engine());
        required("/mode", d.mode());
        required("/guarantee", d.guarantee());
        if (d.parallelism() < 1 || d.parallelism() > MAX_PARALLELISM) {
            error("/parallelism", "must be between 1 and " + MAX_PARALLELISM);
        }
        positiveDuration("/commitInterval", d.commitInterval());
        checkSource(d.source());
        checkWatermark(d.watermark());
        checkBatch(d.mode(), d.batch());
        checkPipeline(d);
        Set<String> sourceTopics = d.source() == null || d.source().topics() == null
                ? Set.of() : new HashSet<>(d.source().topics());
        checkSink(d.sink(), sourceTopics);
        checkSideOutput("/lateRecords", d.lateRecords(), sourceTopics);
        checkSideOutput("/deadLetter", d.deadLetter(), sourceTopics);
        if (d.lateRecords() != null && !hasTimeWindow(d.pipeline())) {
            error("/lateRecords", "only tumbling, sliding and session windows produce late records, "
                    + "and this pipeline has none");
        }
    }

    private void required(String pointer, Object value) {
        if (value == null) {
            error(pointer, "is required");
        }
    }

    private void positiveDuration(String pointer, Duration value) {
        if (value == null) {
            error(pointer, "is required");
        } else if (value.isZero() || value.isNegative()) {
            error(pointer, "must be longer than zero");
        } else if (!DurationFormat.isWholeMillis(value)) {
            error(pointer, "must be a whole number of milliseconds");
        }
    }

    private void nonNegativeDuration(String pointer, Duration value) {
        if (value == null) {
            error(pointer, "is required");
        } else if (value.isNegative()) {
            error(pointer, "must not be negative");
        } else if (!DurationFormat.isWholeMillis(value)) {
            error(pointer, "must be a whole number of milliseconds");
        }
    }

    private void topic(String pointer, String topic) {
        if (topic == null) {
            error(pointer, "is required");
        } else if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            error(pointer, "'" + topic + "' is not a valid Kafka topic name: use 1 to 249 letters, digits, "
                    + "'.', '_' or '-'");
        }
    }

    private void checkSource(SourceSpec source) {
        if (source == null) {
            error("/source", "is required");
            return;
        }
        if (source.topics() == null || source.topics().isEmpty()) {
            error("/source/topics", "needs at least one topic");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < source.topics().size(); i++) {
                String topic = source.topics().get(i);
                topic(Pointers.child("/source/topics", i), topic);
                if (topic != null && !seen.add(topic)) {
                    error(Pointers.child("/source/topics", i), "topic '" + topic + "' is listed twice");
                }
            }
        }
        required("/source/format", source.format());
        required("/source/startFrom", source.startFrom());
        EventTime eventTime = source.eventTime();
        if (eventTime == null || eventTime.source() == null) {
            error("/source/eventTime", "is required");
        } else if (eventTime.source() == EventTime.Source.FIELD) {
            fieldPath("/source/eventTime/field", eventTime.field());
            if (source.format() != null && source.format() != DataFormat.JSON) {
                error("/source/eventTime/field", "an event-time field needs source format json, not '"
                        + source.format().jsonName() + "'");
            }
        }
    }

    private void checkWatermark(WatermarkSpec watermark) {
        if (watermark == null) {
            error("/watermark", "is required");
            return;
        }
        nonNegativeDuration("/watermark/maxOutOfOrderness", watermark.maxOutOfOrderness());
        if (watermark.idleTimeout() != null) {
            positiveDuration("/watermark/idleTimeout", watermark.idleTimeout());
        }
    }

    private void checkBatch(ProcessingMode mode, BatchSpec batch) {
        if (mode == ProcessingMode.MICRO_BATCH && batch == null) {
            error("/batch", "micro-batch mode needs batch settings, for example "
                    + "{\"interval\": \"500ms\", \"maxRecords\": 10000}");
        } else if (mode == ProcessingMode.NATIVE && batch != null) {
            error("/batch", "batch settings apply only to mode micro-batch");
        }
        if (batch != null) {
            positiveDuration("/batch/interval", batch.interval());
            if (batch.maxRecords() < 1) {
                error("/batch/maxRecords", "must be at least 1");
            }
        }
    }

    private void checkPipeline(StreamDefinition d) {
        List<Operator> pipeline = d.pipeline();
        boolean readsObjects = d.source() == null || d.source().format() == null
                || d.source().format() == DataFormat.JSON;
        for (int i = 0; i < pipeline.size(); i++) {
            Operator operator = pipeline.get(i);
            String pointer = operatorPointer.apply(i);
            if (operator instanceof ProcessorOperator) {
                // A processor may turn any value into an object, so later field operators are fine.
                readsObjects = true;
            } else if (!readsObjects && !(operator instanceof WindowOperator)) {
                error(pointer, "operator '" + operator.op() + "' works on JSON object fields, but the source "
                        + "format is '" + d.source().format().jsonName() + "'; use format json or a processor first");
            }
            checkOperator(operator, pointer);
            if (operator instanceof WindowOperator && i != pipeline.size() - 1) {
                error(pointer, "a window must be the last operator of the pipeline");
            }
        }
    }

    private void checkOperator(Operator operator, String pointer) {
        if (operator instanceof FilterOperator filter) {
            if (filter.where() == null) {
                error(pointer + "/where", "is required");
            } else {
                checkCondition(filter.where(), pointer + "/where");
            }
        } else if (operator instanceof ProjectOperator project) {
            if (project.fields() == null || project.fields().isEmpty()) {
                error(pointer + "/fields", "needs at least one field");
            } else {
                for (int i = 0; i < project.fields().size(); i++) {
                    fieldPath(Pointers.child(pointer + "/fields", i), project.fields().get(i));
                }
            }
        } else if (operator instanceof SetOperator set) {
            fieldPath(pointer + "/field", set.field());
            jsonValue(pointer + "/value", set.value());
        } else if (operator instanceof RenameOperator rename) {
            fieldPath(pointer + "/from", rename.from());
            fieldPath(pointer + "/to", rename.to());
            if (rename.from() != null && rename.from().equals(rename.to())) {
                error(pointer + "/to", "must differ from 'from'");
            }
        } else if (operator instanceof KeyByOperator keyBy) {
            fieldPath(pointer + "/field", keyBy.field());
        } else if (operator instanceof ProcessorOperator processor) {
            extensionName(pointer + "/name", processor.name(), "processor");
            jsonValue(pointer + "/config", processor.config());
        } else if (operator instanceof WindowOperator window) {
            checkWindow(window, pointer);
        }
    }

    private void checkCondition(Condition condition, String pointer) {
        if (condition instanceof FieldCondition field) {
            fieldPath(pointer + "/field", field.field());
            if (field.comparison() == null) {
                error(pointer, "needs one of eq, ne, gt, gte, lt, lte, in, exists");
                return;
            }
            String operandPointer = pointer + "/" + field.comparison().jsonName();
            Object operand = field.value();
            switch (field.comparison()) {
                case IN -> {
                    if (!(operand instanceof List<?>)) {
                        error(operandPointer, "must be an array of values");
                    } else {
                        jsonValue(operandPointer, operand);
                    }
                }
                case EXISTS -> {
                    if (!(operand instanceof Boolean)) {
                        error(operandPointer, "must be true or false");
                    }
                }
                case GT, GTE, LT, LTE -> {
                    if (!(operand instanceof Number || operand instanceof String)) {
                        error(operandPointer, "must be a number or a string");
                    }
                }
                default -> jsonValue(operandPointer, operand);
            }
        } else if (condition instanceof AllOf all) {
            checkConditions(all.conditions(), pointer + "/all");
        } else if (condition instanceof AnyOf any) {
            checkConditions(any.conditions(), pointer + "/any");
        } else if (condition instanceof NotCondition not) {
            if (not.condition() == null) {
                error(pointer + "/not", "is required");
            } else {
                checkCondition(not.condition(), pointer + "/not");
            }
        }
    }

    private void checkConditions(List<Condition> conditions, String pointer) {
        if (conditions == null || conditions.isEmpty()) {
            error(pointer, "needs at least one condition");
            return;
        }
        for (int i = 0; i < conditions.size(); i++) {
            checkCondition(conditions.get(i), Pointers.child(pointer, i));
        }
    }

    private void checkWindow(WindowOperator window, String pointer) {
        WindowSpec spec = window.window();
        if (spec == null) {
            error(pointer + "/type", "is required");
        } else if (spec instanceof TumblingWindow tumbling) {
            positiveDuration(pointer + "/size", tumbling.size());
        } else if (spec instanceof SlidingWindow sliding) {
            positiveDuration(pointer + "/size", sliding.size());
            positiveDuration(pointer + "/slide", sliding.slide());
            if (sliding.size() != null && sliding.slide() != null && sliding.slide().compareTo(sliding.size()) > 0) {
                error(pointer + "/slide", "must not be longer than size (" + DurationFormat.format(sliding.size())
                        + "); a window starts every slide and each lasts size");
            }
        } else if (spec instanceof SessionWindow session) {
            positiveDuration(pointer + "/gap", session.gap());
        } else if (spec instanceof CountWindow count) {
            if (count.size() < 1) {
                error(pointer + "/size", "must be a whole number of records, at least 1");
            } else if (count.slide() < 1 || count.slide() > count.size()) {
                error(pointer + "/slide", "must be between 1 and size (" + count.size() + ")");
            }
        }
        if (spec instanceof CountWindow) {
            if (window.allowedLateness() != null && !window.allowedLateness().isZero()) {
                error(pointer + "/allowedLateness", "does not apply to count windows, which have no lateness");
            }
        } else {
            nonNegativeDuration(pointer + "/allowedLateness", window.allowedLateness());
        }
        required(pointer + "/emit", window.emit());
        checkAggregates(window.aggregates(), pointer + "/aggregate");
    }

    private void checkAggregates(List<AggregateSpec> aggregates, String pointer) {
        if (aggregates == null || aggregates.isEmpty()) {
            error(pointer, "needs at least one aggregate, for example {\"fn\": \"count\", \"as\": \"n\"}");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < aggregates.size(); i++) {
            AggregateSpec aggregate = aggregates.get(i);
            String at = Pointers.child(pointer, i);
            if (aggregate.as() == null || aggregate.as().isEmpty()) {
                error(at + "/as", "is required: the name of this aggregate in the window result");
            } else if (RESERVED_RESULT_MEMBERS.contains(aggregate.as())) {
                error(at + "/as", "'" + aggregate.as() + "' is taken by the window result itself");
            } else if (!names.add(aggregate.as())) {
                error(at + "/as", "'" + aggregate.as() + "' names another aggregate already");
            }
            AggregateFunction fn = aggregate.fn();
            if (fn == null) {
                error(at + "/fn", "is required");
                continue;
            }
            switch (fn) {
                case SUM, AVG, MIN, MAX -> {
                    if (aggregate.field() == null) {
                        error(at + "/field", fn.jsonName() + " needs the field it aggregates");
                    } else {
                        fieldPath(at + "/field", aggregate.field());
                    }
                }
                default -> {
                    if (aggregate.field() != null) {
                        fieldPath(at + "/field", aggregate.field());
                    }
                }
            }
            if (fn == AggregateFunction.CUSTOM) {
                extensionName(at + "/name", aggregate.name(), "aggregator");
            } else if (aggregate.name() != null) {
                error(at + "/name", "only custom aggregates take a name");
            }
        }
    }

    private void checkSink(SinkSpec sink, Set<String> sourceTopics) {
        if (sink == null) {
            error("/sink", "is required");
            return;
        }
        topic("/sink/topic", sink.topic());
        if (sourceTopics.contains(sink.topic())) {
            error("/sink/topic", "must differ from the source topics, or the stream reads its own output");
        }
        required("/sink/format", sink.format());
    }

    private void checkSideOutput(String pointer, SideOutput output, Set<String> sourceTopics) {
        if (output == null) {
            return;
        }
        topic(pointer + "/topic", output.topic());
        if (sourceTopics.contains(output.topic())) {
            error(pointer + "/topic", "must differ from the source topics, or the stream reads its own output");
        }
    }

    private static boolean hasTimeWindow(List<Operator> pipeline) {
        return pipeline.stream().anyMatch(o -> o instanceof WindowOperator w && w.window() != null
                && !(w.window() instanceof CountWindow));
    }

    private void fieldPath(String pointer, String path) {
        if (path == null || path.isEmpty()) {
            error(pointer, "is required");
            return;
        }
        for (String segment : path.split("\\.", -1)) {
            if (segment.isEmpty()) {
                error(pointer, "'" + path + "' is not a field path: use names separated by single dots, like a.b");
                return;
            }
        }
    }

    private void extensionName(String pointer, String name, String kind) {
        if (name == null) {
            error(pointer, "is required: the name the " + kind + " is registered under");
        } else if (!EXTENSION_NAME.matcher(name).matches()) {
            error(pointer, "'" + name + "' is not a valid " + kind + " name: use up to 128 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
    }

    private void jsonValue(String pointer, Object value) {
        String problem = jsonProblem(value);
        if (problem != null) {
            error(pointer, problem);
        }
    }

    private static String jsonProblem(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof Short || value instanceof Byte
                || value instanceof Float) {
            if (value instanceof Double d && !Double.isFinite(d)) {
                return "numbers must be finite";
            }
            return null;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                String problem = jsonProblem(element);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                String problem = jsonProblem(element);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        return "a " + value.getClass().getName() + " has no JSON form; use maps, lists, strings, numbers, "
                + "booleans or null";
    }
}
