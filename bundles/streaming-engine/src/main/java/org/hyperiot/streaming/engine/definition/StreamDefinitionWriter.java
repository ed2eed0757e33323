package org.hyperiot.streaming.engine.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;

/**
 * Writes stream definitions as JSON that {@link StreamDefinitionReader} reads back to an equal
 * definition. Defaults are written out, so the document shows everything the stream runs with.
 * The definition must be valid. Instances are immutable and thread-safe.
 */
public final class StreamDefinitionWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Creates a writer. */
    public StreamDefinitionWriter() {
    }

    private JsonNode toTree(StreamDefinition d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", d.name());
        if (d.description() != null) {
            root.put("description", d.description());
        }
        root.put("engine", d.engine().jsonName());
        root.put("mode", d.mode().jsonName());
        root.put("guarantee", d.guarantee().jsonName());
        root.put("parallelism", d.parallelism());
        root.put("commitInterval", DurationFormat.format(d.commitInterval()));

        ObjectNode source = root.putObject("source");
        ArrayNode topics = source.putArray("topics");
        d.source().topics().forEach(topics::add);
        source.put("format", d.source().format().jsonName());
        source.put("startFrom", d.source().startFrom().jsonName());
        EventTime eventTime = d.source().eventTime();
        if (eventTime.source() == EventTime.Source.PROCESSING_TIME) {
            source.put("eventTime", "processing");
        } else if (eventTime.source() == EventTime.Source.FIELD) {
            source.putObject("eventTime").put("field", eventTime.field());
        }

        ObjectNode watermark = root.putObject("watermark");
        watermark.put("maxOutOfOrderness", DurationFormat.format(d.watermark().maxOutOfOrderness()));
        if (d.watermark().idleTimeout() != null) {
            watermark.put("idleTimeout", DurationFormat.format(d.watermark().idleTimeout()));
        }

        ArrayNode pipeline = root.putArray("pipeline");
        for (Operator operator : d.pipeline()) {
            pipeline.add(DeclaredOperators.of(operator).writeOperator(operator));
        }

        ObjectNode sink = root.putObject("sink");
        sink.put("topic", d.sink().topic());
        sink.put("format", d.sink().format().jsonName());
        if (d.lateRecords() != null) {
            root.putObject("lateRecords").put("topic", d.lateRecords().topic());
        }
        if (d.deadLetter() != null) {
            root.putObject("deadLetter").put("topic", d.deadLetter().topic());
        }
        if (d.batch() != null) {
            ObjectNode batch = root.putObject("batch");
            batch.put("interval", DurationFormat.format(d.batch().interval()));
            batch.put("maxRecords", d.batch().maxRecords());
        }
        return root;
    }

    /** The definition as compact JSON text. */
    public String write(StreamDefinition definition) {
        return serialize(definition, false);
    }

    /** The definition as indented JSON text, for people. */
    public String writePretty(StreamDefinition definition) {
        return serialize(definition, true);
    }

    private String serialize(StreamDefinition definition, boolean pretty) {
        try {
            return pretty
                    ? MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toTree(definition))
                    : MAPPER.writeValueAsString(toTree(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("definition cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
