package org.hyperiot.streaming.benchmark.kafka;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Requests and bytes each producer has sent so far, read from the metrics Kafka registers in JMX
 * (which also reaches the connector's producer, whose object the benchmark never sees). Fewer records
 * per request means smaller batches, which costs the producer and the broker more per record.
 *
 * @param requests      requests sent to the broker (produce requests, and the rare metadata request)
 * @param bytes         bytes sent to the broker
 * @param blockedNanos  time {@code send} blocked because the producer's buffer was full
 */
record ProducerTraffic(double requests, double bytes, double blockedNanos) {

    static final ProducerTraffic NONE = new ProducerTraffic(0, 0, 0);

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    /** The traffic so far of every producer registered in JMX, by client id. */
    static Map<String, ProducerTraffic> ofProducers() {
        Map<String, ProducerTraffic> traffic = new HashMap<>();
        try {
            for (ObjectName name : SERVER.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
                traffic.put(name.getKeyProperty("client-id"), new ProducerTraffic(
                        ((Number) SERVER.getAttribute(name, "request-total")).doubleValue(),
                        ((Number) SERVER.getAttribute(name, "outgoing-byte-total")).doubleValue(),
                        ((Number) SERVER.getAttribute(name, "bufferpool-wait-time-ns-total")).doubleValue()));
            }
        } catch (JMException | RuntimeException e) {
            // Metrics are a diagnostic: without them the report shows no traffic figures.
            return Map.of();
        }
        return traffic;
    }

    /** Sums, over the client ids {@code include} accepts, the traffic between two snapshots. */
    static ProducerTraffic between(Map<String, ProducerTraffic> before, Map<String, ProducerTraffic> after,
            Predicate<String> include) {
        double requests = 0;
        double bytes = 0;
        double blockedNanos = 0;
        for (Map.Entry<String, ProducerTraffic> entry : after.entrySet()) {
            if (include.test(entry.getKey())) {
                ProducerTraffic earlier = before.getOrDefault(entry.getKey(), NONE);
                requests += entry.getValue().requests() - earlier.requests();
                bytes += entry.getValue().bytes() - earlier.bytes();
                blockedNanos += entry.getValue().blockedNanos() - earlier.blockedNanos();
            }
        }
        return new ProducerTraffic(requests, bytes, blockedNanos);
    }
}
