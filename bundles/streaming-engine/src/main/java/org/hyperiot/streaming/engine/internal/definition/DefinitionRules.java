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

import org.hyperiot.streaming.api.BatchSpec;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SideOutput;
import org.hyperiot.streaming.api.SinkSpec;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WatermarkSpec;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.hyperiot.streaming.engine.definition.DurationFormat;
import org.hyperiot.streaming.engine.definition.JsonPointers;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;
import org.hyperiot.streaming.engine.internal.operator.OperatorDeclaration;

/**
 * The rules a stream definition must follow, checked on the model so that definitions read from
 * JSON and built in Java are held to the same rules. Every broken rule is reported, with the JSON
 * pointer of the member at fault.
 */
public final class DefinitionRules {

    private static final Pattern STREAM_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final StreamDefinition definition;
    private final List<ValidationError> errors;
    private final IntFunction<String> operatorPointer;

    public static boolean isStreamName(String name) {
        return name != null && STREAM_NAME.matcher(name).matches();
    }

    private DefinitionRules(StreamDefinition definition, List<ValidationError> errors,
                            IntFunction<String> operatorPointer) {
        this.definition = definition;
        this.errors = errors;
        this.operatorPointer = operatorPointer;
    }

    /** The definition being checked, for rules that depend on more than one member. */
    public StreamDefinition definition() {
        return definition;
    }

    /**
     * Checks a definition, adding every broken rule to {@code errors}.
     *
     * @param operatorPointer the pointer of the pipeline operator at a model index; the JSON reader
     *                        maps indexes because operators it could not read are not in the model
     */
    public static void check(StreamDefinition definition, IntFunction<String> operatorPointer,
                             List<ValidationError> errors) {
        new DefinitionRules(definition, errors, operatorPointer).check(definition);
    }

    /** Reports a broken rule. */
    public void error(String pointer, String message) {
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
        if (d.parallelism() < 1 || d.parallelism() > DefinitionLimits.MAX_PARALLELISM) {
            error("/parallelism", "must be between 1 and " + DefinitionLimits.MAX_PARALLELISM);
        }
        positiveDuration("/commitInterval", d.commitInterval(), DefinitionLimits.MAX_COMMIT_INTERVAL);
        checkSource(d.source());
        checkWatermark(d.watermark());
        checkBatch(d.mode(), d.batch());
        checkPipeline(d);
        Set<String> sourceTopics = d.source() == null || d.source().topics() == null
                ? Set.of() : new HashSet<>(d.source().topics());
        checkSink(d.sink(), sourceTopics);
        checkSideOutput("/lateRecords", d.lateRecords(), sourceTopics);
        checkSideOutput("/deadLetter", d.deadLetter(), sourceTopics);
        if (d.lateRecords() != null && d.pipeline().stream()
                .noneMatch(operator -> DeclaredOperators.of(operator).producesLateRecords(operator))) {
            error("/lateRecords", "only tumbling, sliding and session windows produce late records, "
                    + "and this pipeline has none");
        }
    }

    /** Reports a missing member. */
    public void required(String pointer, Object value) {
        if (value == null) {
            error(pointer, "is required");
        }
    }

    /** Checks a duration above zero and at most {@link DefinitionLimits#MAX_DURATION}; true when fine. */
    public boolean positiveDuration(String pointer, Duration value) {
        return positiveDuration(pointer, value, DefinitionLimits.MAX_DURATION);
    }

    /** Checks a duration that must be above zero and at most {@code max}; true when it is fine. */
    private boolean positiveDuration(String pointer, Duration value, Duration max) {
        if (value == null) {
            error(pointer, "is required");
        } else if (value.isZero() || value.isNegative()) {
            error(pointer, "must be longer than zero");
        } else if (!DurationFormat.isWholeMillis(value)) {
            error(pointer, "must be a whole number of milliseconds");
        } else {
            return atMost(pointer, value, max);
        }
        return false;
    }

    /** Checks a duration of zero or more and at most {@link DefinitionLimits#MAX_DURATION}; true when fine. */
    public boolean nonNegativeDuration(String pointer, Duration value) {
        if (value == null) {
            error(pointer, "is required");
        } else if (value.isNegative()) {
            error(pointer, "must not be negative");
        } else if (!DurationFormat.isWholeMillis(value)) {
            error(pointer, "must be a whole number of milliseconds");
        } else {
            return atMost(pointer, value, DefinitionLimits.MAX_DURATION);
        }
        return false;
    }

    private boolean atMost(String pointer, Duration value, Duration max) {
        if (value.compareTo(max) > 0) {
            String days = max.toDays() > 0 ? " (" + max.toDays() + " days)" : "";
            error(pointer, "must be at most " + DurationFormat.format(max) + days + ", not "
                    + DurationFormat.format(value));
            return false;
        }
        return true;
    }

    private void topic(String pointer, String topic) {
        if (topic == null) {
            error(pointer, "is required");
        } else if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            error(pointer, "'" + topic + "' is not a valid Kafka topic name: use 1 to 249 letters, digits, "
                    + "'.', '_' or '-'");
        }
    }

    private void outputTopic(String pointer, String topic) {
        int before = errors.size();
        topic(pointer, topic);
        if (errors.size() == before && DefinitionLimits.isInternalTopic(topic)) {
            error(pointer, "'" + topic + "' is an internal topic of Kafka or of the platform (names starting with "
                    + String.join(", ", DefinitionLimits.INTERNAL_TOPIC_PREFIXES) + "); a stream may not write to it");
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
                topic(JsonPointers.child("/source/topics", i), topic);
                if (topic != null && !seen.add(topic)) {
                    error(JsonPointers.child("/source/topics", i), "topic '" + topic + "' is listed twice");
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
            positiveDuration("/batch/interval", batch.interval(), DefinitionLimits.MAX_COMMIT_INTERVAL);
            if (batch.maxRecords() < 1 || batch.maxRecords() > DefinitionLimits.MAX_BATCH_RECORDS) {
                error("/batch/maxRecords", "must be between 1 and " + DefinitionLimits.MAX_BATCH_RECORDS
                        + ": a batch is held in memory until it is processed");
            }
        }
    }

    private void checkPipeline(StreamDefinition d) {
        List<Operator> pipeline = d.pipeline();
        boolean readsObjects = d.source() == null || d.source().format() == null
                || d.source().format() == DataFormat.JSON;
        for (int i = 0; i < pipeline.size(); i++) {
            Operator operator = pipeline.get(i);
            OperatorDeclaration<?> declaration = DeclaredOperators.of(operator);
            String pointer = operatorPointer.apply(i);
            if (declaration.producesObjects()) {
                // A processor may turn any value into an object, so later field operators are fine.
                readsObjects = true;
            } else if (!readsObjects && declaration.readsFields()) {
                error(pointer, "operator '" + operator.op() + "' works on JSON object fields, but the source "
                        + "format is '" + d.source().format().jsonName() + "'; use format json or a processor first");
            }
            declaration.checkOperator(operator, pointer, this);
            if (declaration.endsPipeline() && i != pipeline.size() - 1) {
                error(pointer, "a " + declaration.name() + " must be the last operator of the pipeline");
            }
        }
    }

    private void checkSink(SinkSpec sink, Set<String> sourceTopics) {
        if (sink == null) {
            error("/sink", "is required");
            return;
        }
        outputTopic("/sink/topic", sink.topic());
        if (sourceTopics.contains(sink.topic())) {
            error("/sink/topic", "must differ from the source topics, or the stream reads its own output");
        }
        required("/sink/format", sink.format());
    }

    private void checkSideOutput(String pointer, SideOutput output, Set<String> sourceTopics) {
        if (output == null) {
            return;
        }
        outputTopic(pointer + "/topic", output.topic());
        if (sourceTopics.contains(output.topic())) {
            error(pointer + "/topic", "must differ from the source topics, or the stream reads its own output");
        }
    }

    /** Checks a dotted field path. */
    public void fieldPath(String pointer, String path) {
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

    /** Checks the name of a custom processor or aggregator. */
    public void extensionName(String pointer, String name, String kind) {
        if (name == null) {
            error(pointer, "is required: the name the " + kind + " is registered under");
        } else if (!EXTENSION_NAME.matcher(name).matches()) {
            error(pointer, "'" + name + "' is not a valid " + kind + " name: use up to 128 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Checks that a value has a JSON form, within {@link DefinitionLimits#MAX_NESTING_DEPTH}. */
    public void jsonValue(String pointer, Object value) {
        String problem = jsonProblem(value, 0);
        if (problem != null) {
            error(pointer, problem);
        }
    }

    private static String jsonProblem(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof Short || value instanceof Byte
                || value instanceof Float) {
            if (value instanceof Double d && !Double.isFinite(d)) {
                return "numbers must be finite";
            }
            return null;
        }
        if ((value instanceof List<?> || value instanceof Map<?, ?>) && depth >= DefinitionLimits.MAX_NESTING_DEPTH) {
            return "arrays and objects are nested deeper than " + DefinitionLimits.MAX_NESTING_DEPTH + " levels";
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                String problem = jsonProblem(element, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                String problem = jsonProblem(element, depth + 1);
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
