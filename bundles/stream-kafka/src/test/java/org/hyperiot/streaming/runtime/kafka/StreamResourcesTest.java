package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StreamResourcesTest {

    /** Stream names and node ids that run into each other when their parts are joined with dashes. */
    private static final List<String> STREAMS = List.of("a", "a-b", "a-b-1", "pa", "pa-b", "pa-changelog", "a.b", "a_b");
    private static final List<String> NODES = List.of("1", "b-1", "2", "b", "1-0", "n.1");

    @Test
    void noTwoWorkersOfAnyStreamsOrNodesShareATransactionalId() {
        Map<String, String> owners = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (String stream : STREAMS) {
            for (String node : NODES) {
                for (int worker = 0; worker < 12; worker++) {
                    String owner = stream + " on " + node + " worker " + worker;
                    String previous = owners.put(StreamResources.transactionalId(stream, node, worker), owner);
                    if (previous != null) {
                        clashes.add(previous + " and " + owner);
                    }
                }
            }
        }

        assertThat(clashes).isEmpty();
    }

    @Test
    void aStreamsInternalTopicsAreNeverAnotherStreamsNames() {
        for (String stream : STREAMS) {
            for (String other : STREAMS) {
                if (!other.equals(stream)) {
                    assertThat(StreamResources.internalTopics(stream))
                            .as("topics of %s against those of %s", stream, other)
                            .doesNotContainAnyElementsOf(StreamResources.internalTopics(other));
                }
            }
        }
    }

    @Test
    void everyNameAStreamOwnsStartsWithItsPrefix() {
        assertThat(StreamResources.internalTopics("pa")).allMatch(topic -> topic.startsWith(StreamResources.prefix("pa")));
        assertThat(StreamResources.transactionalId("pa", "1", 0)).startsWith(StreamResources.prefix("pa"));
    }
}
