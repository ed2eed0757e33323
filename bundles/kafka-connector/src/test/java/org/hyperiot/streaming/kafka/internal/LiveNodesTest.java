package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.hyperiot.streaming.api.kafka.ClusterMessaging.ClusterNode;
import org.junit.jupiter.api.Test;

class LiveNodesTest {

    private final LiveNodes nodes = new LiveNodes(15_000);

    @Test
    void aNodeIsLiveWhileItsLastHeartbeatIsWithinTheTimeout() {
        nodes.heartbeat("1", 100_000);
        nodes.heartbeat("2", 90_000);

        assertThat(nodes.live(105_000)).containsExactlyInAnyOrder(new ClusterNode("1", 100_000), new ClusterNode("2", 90_000));
        assertThat(nodes.live(106_000)).containsExactly(new ClusterNode("1", 100_000));
        assertThat(nodes.live(116_000)).isEmpty();
    }

    @Test
    void aLateOldHeartbeatDoesNotMoveANodeBack() {
        nodes.heartbeat("1", 100_000);
        nodes.heartbeat("1", 50_000);

        assertThat(nodes.live(100_000)).containsExactly(new ClusterNode("1", 100_000));
    }
}
