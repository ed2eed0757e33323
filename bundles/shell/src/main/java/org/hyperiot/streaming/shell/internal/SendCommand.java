package org.hyperiot.streaming.shell.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;

/**
 * {@code kafka:send}: sends one record through the platform's connector and prints where it landed.
 * Topics that Kafka or the platform owns are refused: a record written by hand into the definitions
 * topic defines a stream, one into a cluster topic speaks for a node, and a send to a missing
 * {@code __…} topic may have the broker create it with the wrong settings.
 */
@Service
@Command(scope = "kafka", name = "send", description = "Sends one record (UTF-8 text) to a topic and waits for Kafka's acknowledgement.")
public class SendCommand implements Action {

    @Reference
    KafkaConnector connector;

    @Argument(index = 0, name = "topic", description = "The topic.", required = true)
    @Completion(TopicNameCompleter.class)
    String topic;

    @Argument(index = 1, name = "value", description = "The record value, as text.", required = true)
    String value;

    @Option(name = "--key", aliases = "-k", description = "The record key, as text.")
    String key;

    @Option(name = "--header", aliases = "-H", description = "A header name=value; repeat for more.", multiValued = true)
    List<String> headers;

    @Option(name = "--timeout", aliases = "-t", description = "Seconds to wait for the acknowledgement (default 30).")
    int timeoutSeconds = 30;

    @Override
    public Object execute() throws Exception {
        String refusal = refusal(topic);
        if (refusal != null) {
            // An exception, not a line on System.err: the shell prints it and a batch client exits non-zero.
            throw new IllegalArgumentException(refusal);
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        if (headers != null) {
            for (String header : headers) {
                int equals = header.indexOf('=');
                if (equals <= 0) {
                    System.err.println("A header is name=value, not '" + header + "'");
                    return null;
                }
                record.headers().add(header.substring(0, equals),
                        header.substring(equals + 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            RecordMetadata metadata = connector.send(record).toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            System.out.println("Sent to " + metadata.topic() + "-" + metadata.partition() + " at offset " + metadata.offset());
        } catch (TimeoutException e) {
            System.err.println("Kafka did not acknowledge within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            System.err.println("Kafka refused the record: " + e.getCause().getMessage());
        }
        return null;
    }

    /** Why the shell may not write to {@code topic} (code TOPIC_PROTECTED, as the REST API says it), or null. */
    static String refusal(String topic) {
        if (DefinitionLimits.isInternalTopic(topic)) {
            return "TOPIC_PROTECTED: '" + topic + "' is a topic that Kafka or the platform owns (names starting with "
                    + String.join(", ", DefinitionLimits.INTERNAL_TOPIC_PREFIXES) + "); kafka:send does not write to it";
        }
        return null;
    }
}
