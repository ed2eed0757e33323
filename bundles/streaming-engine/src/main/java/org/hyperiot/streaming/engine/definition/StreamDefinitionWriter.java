package org.hyperiot.streaming.engine.definition;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.AllOf;
import org.hyperiot.streaming.api.AnyOf;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.CountWindow;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.FieldCondition;
import org.hyperiot.streaming.api.FilterOperator;
import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.NotCondition;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessorOperator;
import org.hyperiot.streaming.api.ProjectOperator;
import org.hyperiot.streaming.api.RenameOperator;
import org.hyperiot.streaming.api.SessionWindow;
import org.hyperiot.streaming.api.SetOperator;
import org.hyperiot.streaming.api.SlidingWindow;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.TumblingWindow;
import org.hyperiot.streaming.api.WindowOperator;

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
            pipeline.add(operator(operator));
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

    private ObjectNode operator(Operator operator) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("op", operator.op());
        if (operator instanceof FilterOperator filter) {
            node.set("where", condition(filter.where()));
        } else if (operator instanceof ProjectOperator project) {
            ArrayNode fields = node.putArray("fields");
            project.fields().forEach(fields::add);
        } else if (operator instanceof SetOperator set) {
            node.put("field", set.field());
            node.set("value", MAPPER.valueToTree(set.value()));
        } else if (operator instanceof RenameOperator rename) {
            node.put("from", rename.from());
            node.put("to", rename.to());
        } else if (operator instanceof KeyByOperator keyBy) {
            node.put("field", keyBy.field());
        } else if (operator instanceof ProcessorOperator processor) {
            node.put("name", processor.name());
            if (!processor.config().isEmpty()) {
                node.set("config", MAPPER.valueToTree(processor.config()));
            }
        } else if (operator instanceof WindowOperator window) {
            window(window, node);
        }
        return node;
    }

    private void window(WindowOperator window, ObjectNode node) {
        node.put("type", window.window().type().jsonName());
        if (window.window() instanceof TumblingWindow tumbling) {
            node.put("size", DurationFormat.format(tumbling.size()));
        } else if (window.window() instanceof SlidingWindow sliding) {
            node.put("size", DurationFormat.format(sliding.size()));
            node.put("slide", DurationFormat.format(sliding.slide()));
        } else if (window.window() instanceof SessionWindow session) {
            node.put("gap", DurationFormat.format(session.gap()));
        } else if (window.window() instanceof CountWindow count) {
            node.put("size", count.size());
            if (count.slide() != count.size()) {
                node.put("slide", count.slide());
            }
        }
        if (!(window.window() instanceof CountWindow)) {
            node.put("allowedLateness", DurationFormat.format(window.allowedLateness()));
        }
        node.put("emit", window.emit().jsonName());
        ArrayNode aggregates = node.putArray("aggregate");
        for (AggregateSpec aggregate : window.aggregates()) {
            ObjectNode a = aggregates.addObject();
            a.put("fn", aggregate.fn().jsonName());
            if (aggregate.name() != null) {
                a.put("name", aggregate.name());
            }
            if (aggregate.field() != null) {
                a.put("field", aggregate.field());
            }
            a.put("as", aggregate.as());
        }
    }

    private JsonNode condition(Condition condition) {
        ObjectNode node = MAPPER.createObjectNode();
        if (condition instanceof FieldCondition field) {
            node.put("field", field.field());
            node.set(field.comparison().jsonName(), MAPPER.valueToTree(field.value()));
        } else if (condition instanceof AllOf all) {
            node.set("all", conditions(all.conditions()));
        } else if (condition instanceof AnyOf any) {
            node.set("any", conditions(any.conditions()));
        } else if (condition instanceof NotCondition not) {
            node.set("not", condition(not.condition()));
        }
        return node;
    }

    private ArrayNode conditions(List<Condition> conditions) {
        ArrayNode array = MAPPER.createArrayNode();
        conditions.forEach(c -> array.add(condition(c)));
        return array;
    }
}
