package org.hyperiot.streaming.example.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.storm.Constants;
import org.apache.storm.task.IOutputCollector;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer's acking against a {@link MockProducer} whose sends complete only when the test says so. */
class KafkaWriterBoltTest {

    private final MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    private final List<String> acked = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private KafkaWriterBolt bolt;

    @BeforeEach
    void prepare() {
        bolt = new KafkaWriterBolt(KafkaClientSettings.from("127.0.0.1:9", Map.of(), new java.util.HashMap<>()),
                Map.of(Utils.DEFAULT_STREAM_ID, "alerts", ThresholdBolt.INVALID, "invalid")) {
            @Override
            Producer<String, String> newProducer(Properties properties) {
                assertThat(properties).containsEntry("acks", "all").containsEntry("bootstrap.servers", "127.0.0.1:9");
                return producer;
            }
        };
        bolt.prepare(Map.of(), null, new OutputCollector(new Recording()));
    }

    @Test
    void acksATupleOnlyOnceKafkaAcknowledgedItsRecord() {
        bolt.execute(tuple(Utils.DEFAULT_STREAM_ID, "d1", "a1"));
        bolt.execute(tuple(ThresholdBolt.INVALID, "d2", "bad"));
        assertThat(acked).isEmpty();
        assertThat(producer.history()).extracting(record -> record.topic() + "/" + record.key() + "/" + record.value())
                .containsExactly("alerts/d1/a1", "invalid/d2/bad");

        producer.completeNext();
        bolt.execute(tick());
        assertThat(acked).containsExactly("a1");
        assertThat(bolt.waiting()).isEqualTo(1);
    }

    @Test
    void theNextTupleSettlesWhatFinishedBeforeItWithoutWaitingForATick() {
        bolt.execute(tuple(Utils.DEFAULT_STREAM_ID, "d1", "a1"));
        producer.completeNext();
        bolt.execute(tuple(Utils.DEFAULT_STREAM_ID, "d2", "a2"));
        assertThat(acked).containsExactly("a1");
        assertThat(bolt.waiting()).isEqualTo(1);
    }

    @Test
    void failsATupleKafkaRefusedSoThatTheSpoutReplaysIt() {
        bolt.execute(tuple(Utils.DEFAULT_STREAM_ID, "d1", "a1"));
        bolt.execute(tuple(Utils.DEFAULT_STREAM_ID, "d1", "a2"));
        producer.errorNext(new RuntimeException("broker says no"));
        producer.completeNext();
        bolt.execute(tick());
        assertThat(failed).containsExactly("a1");
        assertThat(acked).containsExactly("a2");
        assertThat(bolt.waiting()).isZero();
    }

    @Test
    void aTupleOfAStreamWithoutATopicIsFailed() {
        bolt.execute(tuple("elsewhere", "d1", "x"));
        assertThat(failed).containsExactly("x");
        assertThat(producer.history()).isEmpty();
    }

    private static Tuple tick() {
        return tuple(Constants.SYSTEM_TICK_STREAM_ID, null, null, Constants.SYSTEM_COMPONENT_ID);
    }

    private static Tuple tuple(String stream, String key, String message) {
        return tuple(stream, key, message, AlertsTopology.THRESHOLD);
    }

    /** A tuple with just what the writer reads; its toString is the message, to name it in assertions. */
    private static Tuple tuple(String stream, String key, String message, String component) {
        return (Tuple) Proxy.newProxyInstance(Tuple.class.getClassLoader(), new Class<?>[] {Tuple.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSourceStreamId" -> stream;
                    case "getSourceComponent" -> component;
                    case "getStringByField" -> "key".equals(args[0]) ? key : message;
                    case "toString" -> message;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private final class Recording implements IOutputCollector {
        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            throw new UnsupportedOperationException("the writer emits nothing");
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ack(Tuple input) {
            acked.add(input.toString());
        }

        @Override
        public void fail(Tuple input) {
            failed.add(input.toString());
        }

        @Override
        public void resetTimeout(Tuple input) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void reportError(Throwable error) {
        }
    }
}
