package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Takes a reading's event time from its {@code ts} field (epoch milliseconds). Kafka Streams calls the
 * extractor with the value already deserialized by the source's serde, so the JSON is parsed once per
 * record, not once more here.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    /** The field of a reading that holds its event time. */
    public static final String EVENT_TIME_FIELD = "ts";

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof JsonNode reading) {
            JsonNode ts = reading.get(EVENT_TIME_FIELD);
            if (ts != null && ts.isIntegralNumber()) {
                return ts.longValue();
            }
        }
        // A negative timestamp makes Kafka Streams skip the record, log it and count it in the
        // dropped-records metric: falling back to the broker's time would mix two time domains.
        return -1L;
    }
}
