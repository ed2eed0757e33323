package org.hyperiot.streaming.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperiot.streaming.api.storm.StormException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "device-temp_avg", "T1", "hyperiot-stream-x"})
    void acceptsSafeNames(String name) {
        assertThat(TopologyNames.checkTopologyName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", "_x", "a.b", "a/b", "a:b", "a\\b", "a b", "ä", "x\n"})
    void refusesWhatStormOrPathsCannotTake(String name) {
        assertThatThrownBy(() -> TopologyNames.checkTopologyName(name)).isInstanceOfSatisfying(StormException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StormException.INVALID_TOPOLOGY));
    }

    @Test
    void refusesNullAndOverlongNames() {
        assertThatThrownBy(() -> TopologyNames.checkTopologyName(null)).isInstanceOf(StormException.class);
        assertThat(TopologyNames.checkTopologyName("a".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> TopologyNames.checkTopologyName("a".repeat(129))).isInstanceOf(StormException.class);
    }

    @Test
    void idsOrNamesAreCheckedBeforeReachingNimbus() {
        assertThat(TopologyNames.checkIdOrName("it-control-1-1796526246")).isNotNull();
        assertThatThrownBy(() -> TopologyNames.checkIdOrName("../etc/passwd")).isInstanceOfSatisfying(
                StormException.class, e -> assertThat(e.errorCode()).isEqualTo(StormException.INVALID_REQUEST));
    }

    @Test
    void ownersAreStreamsOrBundles() {
        assertThat(TopologyNames.checkOwner("stream:device-temp.avg")).isNotNull();
        assertThat(TopologyNames.checkOwner("bundle:org.example.topology")).isNotNull();
        assertThatThrownBy(() -> TopologyNames.checkOwner("someone")).isInstanceOf(StormException.class);
        assertThatThrownBy(() -> TopologyNames.checkOwner("stream:Bad Name")).isInstanceOf(StormException.class);
    }

    @Test
    void dependencyBlobKeysAreValidStormBlobKeys() {
        String key = TopologyNames.dependencyBlobKey("my-topology", "ab".repeat(32));
        assertThat(key).matches("[\\w \\t._-]+").startsWith("hyperiot-my-topology-").endsWith(".jar");
    }

    @Test
    void quotesUserInputHarmlessly() {
        assertThat(TopologyNames.quoted("a\nb")).isEqualTo("'a?b'");
        assertThat(TopologyNames.quoted("x".repeat(100))).hasSizeLessThan(90);
    }
}
