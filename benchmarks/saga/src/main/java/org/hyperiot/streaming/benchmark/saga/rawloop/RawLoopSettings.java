package org.hyperiot.streaming.benchmark.saga.rawloop;

import java.util.List;

import org.hyperiot.streaming.benchmark.saga.BenchmarkSaga;
import org.hyperiot.streaming.benchmark.saga.ExchangeTopics;

/**
 * What the raw loop is told on its command line.
 *
 * @param bootstrapServers     the broker
 * @param topics               its topics
 * @param groupPrefix          its consumer groups and transactional ids start with this
 * @param steps                the saga's steps, in order
 * @param compression          producers' {@code compression.type}
 * @param sessionTimeoutMs     consumer groups' session timeout
 * @param transactionTimeoutMs producers' transaction timeout
 */
record RawLoopSettings(String bootstrapServers, ExchangeTopics topics, String groupPrefix, List<BenchmarkSaga.Step> steps,
        String compression, int sessionTimeoutMs, int transactionTimeoutMs) {

    String coordinatorGroup() {
        return groupPrefix + "coordinator";
    }

    String participantGroup(String participant) {
        return groupPrefix + "participant-" + participant;
    }
}
