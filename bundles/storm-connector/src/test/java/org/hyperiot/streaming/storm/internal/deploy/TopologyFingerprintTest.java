package org.hyperiot.streaming.storm.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopologyFingerprintTest {

    private static final byte[] TOPOLOGY = {1, 2, 3};

    private static String fingerprint(String name, String owner, String json, List<String> jars, byte[] topology) {
        return TopologyFingerprint.of(name, owner, json, jars, topology);
    }

    @Test
    void isStableForTheSameInput() {
        assertThat(fingerprint("t", "bundle:b", "{}", List.of("aa"), TOPOLOGY))
                .isEqualTo(fingerprint("t", "bundle:b", "{}", List.of("aa"), new byte[] {1, 2, 3}))
                .hasSize(64);
    }

    @Test
    void changesWithEachPart() {
        String base = fingerprint("t", "bundle:b", "{}", List.of("aa"), TOPOLOGY);
        assertThat(fingerprint("u", "bundle:b", "{}", List.of("aa"), TOPOLOGY)).isNotEqualTo(base);
        assertThat(fingerprint("t", "bundle:c", "{}", List.of("aa"), TOPOLOGY)).isNotEqualTo(base);
        assertThat(fingerprint("t", "bundle:b", "{\"a\":1}", List.of("aa"), TOPOLOGY)).isNotEqualTo(base);
        assertThat(fingerprint("t", "bundle:b", "{}", List.of("ab"), TOPOLOGY)).isNotEqualTo(base);
        assertThat(fingerprint("t", "bundle:b", "{}", List.of("aa", "bb"), TOPOLOGY)).isNotEqualTo(base);
        assertThat(fingerprint("t", "bundle:b", "{}", List.of("aa"), new byte[] {1, 2, 4})).isNotEqualTo(base);
    }

    @Test
    void partsDoNotRunIntoEachOther() {
        assertThat(fingerprint("ab", "c", "{}", List.of(), TOPOLOGY))
                .isNotEqualTo(fingerprint("a", "bc", "{}", List.of(), TOPOLOGY));
    }
}
