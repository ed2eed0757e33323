package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.hyperiot.streaming.api.kafka.ClusterMessaging.ClusterNode;
import org.hyperiot.streaming.kafka.internal.LiveNodes.Verdict;
import org.junit.jupiter.api.Test;

class LiveNodesTest {

    private static final long TIMEOUT = 15_000;
    private static final long SKEW = 5_000;

    private final LiveNodes nodes = new LiveNodes(TIMEOUT, SKEW);

    @Test
    void aNodeIsLiveWhileItsLastHeartbeatIsWithinTheTimeout() {
        nodes.heartbeat("1", 100_000, 100_000);
        nodes.heartbeat("2", 90_000, 100_000);

        assertThat(nodes.live(105_000)).containsExactlyInAnyOrder(new ClusterNode("1", 100_000), new ClusterNode("2", 90_000));
        assertThat(nodes.live(106_000)).containsExactly(new ClusterNode("1", 100_000));
        assertThat(nodes.live(116_000)).isEmpty();
    }

    @Test
    void aLateOldHeartbeatDoesNotMoveANodeBack() {
        nodes.heartbeat("1", 100_000, 100_000);
        nodes.heartbeat("1", 95_000, 100_000);

        assertThat(nodes.live(100_000)).containsExactly(new ClusterNode("1", 100_000));
    }

    @Test
    void aHeartbeatStampedFiftyMinutesAheadIsRefusedAndNeverListed() {
        long now = 1_000_000_000L;

        assertThat(nodes.heartbeat("ghost-node", now + 50 * 60_000, now)).isEqualTo(Verdict.FROM_THE_FUTURE);

        assertThat(nodes.live(now)).isEmpty();
        assertThat(nodes.live(now + 20 * 60_000)).isEmpty();
    }

    @Test
    void aHeartbeatWithinTheClockSkewIsAcceptedAndExpiresNormally() {
        long now = 1_000_000_000L;

        assertThat(nodes.heartbeat("2", now + SKEW, now)).isEqualTo(Verdict.ACCEPTED);

        assertThat(nodes.live(now)).containsExactly(new ClusterNode("2", now + SKEW));
        assertThat(nodes.live(now + SKEW + TIMEOUT + 1)).isEmpty();
    }

    @Test
    void aStaleHeartbeatIsRefused() {
        long now = 1_000_000_000L;

        assertThat(nodes.heartbeat("old", now - TIMEOUT - 1, now)).isEqualTo(Verdict.STALE);

        assertThat(nodes.live(now)).isEmpty();
    }

    @Test
    void aNodeAcceptedWhileTheClockWasBehindIsPrunedOnceItsStampIsTooFarAhead() {
        long now = 1_000_000_000L;
        nodes.heartbeat("1", now, now);

        // This node's clock is set back an hour (NTP correction): the stamp is now far in the future.
        assertThat(nodes.live(now - 3_600_000)).isEmpty();
        assertThat(nodes.live(now)).as("pruned, not only hidden").isEmpty();
    }
}
