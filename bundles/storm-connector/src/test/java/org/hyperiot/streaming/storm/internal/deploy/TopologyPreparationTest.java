package org.hyperiot.streaming.storm.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.storm.generated.StormTopology;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.storm.internal.TopologyConfiguration;
import org.hyperiot.streaming.storm.localnimbus.NumbersTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyPreparationTest {

    @TempDir
    Path directory;

    private TopologyPreparation.JarSources jars(Path bundleJar) {
        return new TopologyPreparation.JarSources() {
            @Override
            public Path registeringBundleJar() {
                return bundleJar;
            }

            @Override
            public Path fetch(URI jar) throws IOException {
                throw new IOException("no network here");
            }
        };
    }

    private static TopologyProvider provider(String name, Map<String, Object> configuration, List<URI> jars) {
        StormTopology topology = NumbersTopology.build(1, 1);
        return new TopologyProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StormTopology topology() {
                return topology;
            }

            @Override
            public Map<String, Object> configuration() {
                return configuration;
            }

            @Override
            public List<URI> jars() {
                return jars;
            }

            @Override
            public Map<String, String> credentials() {
                return Map.of("kafka.password", "secret");
            }
        };
    }

    @Test
    void preparesTheOwnConfigurationTheBundleJarAndAStableFingerprint() throws IOException {
        Path jar = Files.write(directory.resolve("bundle.jar"), new byte[] {1, 2, 3});
        PreparedTopology prepared = TopologyPreparation.prepare(provider("t", Map.of("topology.workers", 1), List.of()),
                "bundle:b", jars(jar));
        assertThat(prepared.configuration()).containsOnlyKeys("topology.workers", "topology.name",
                TopologyConfiguration.OWNER_KEY, TopologyConfiguration.FINGERPRINT_KEY);
        assertThat(prepared.configuration().values()).doesNotContain("secret");
        assertThat(prepared.credentials()).containsEntry("kafka.password", "secret");
        assertThat(prepared.jars()).singleElement().satisfies(topologyJar -> {
            assertThat(topologyJar.path()).isEqualTo(jar);
            assertThat(topologyJar.sha256()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
        });
        PreparedTopology again = TopologyPreparation.prepare(provider("t", Map.of("topology.workers", 1), List.of()),
                "bundle:b", jars(jar));
        assertThat(again.fingerprint()).isEqualTo(prepared.fingerprint());

        Files.write(jar, new byte[] {1, 2, 4});
        assertThat(TopologyPreparation.prepare(provider("t", Map.of("topology.workers", 1), List.of()), "bundle:b",
                jars(jar)).fingerprint()).as("a changed jar is a changed topology").isNotEqualTo(prepared.fingerprint());
    }

    @Test
    void takesDeclaredFileJarsInOrder() throws IOException {
        Path main = Files.write(directory.resolve("main.jar"), new byte[] {1});
        Path dependency = Files.write(directory.resolve("dep.jar"), new byte[] {2});
        PreparedTopology prepared = TopologyPreparation.prepare(provider("t", Map.of(),
                List.of(main.toUri(), dependency.toUri())), "bundle:b", jars(null));
        assertThat(prepared.jars()).extracting(TopologyJar::path).containsExactly(main, dependency);
    }

    @Test
    void refusesSecretsInTheConfigurationAndUnreadableJars() {
        assertThatThrownBy(() -> TopologyPreparation.prepare(provider("t", Map.of("kafka.sasl.jaas.config", "x"),
                List.of()), "bundle:b", jars(directory.resolve("none.jar"))))
                .isInstanceOfSatisfying(StormException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StormException.INVALID_TOPOLOGY));
        assertThatThrownBy(() -> TopologyPreparation.prepare(provider("t", Map.of(), List.of()), "bundle:b",
                jars(directory.resolve("none.jar")))).isInstanceOfSatisfying(StormException.class,
                        e -> assertThat(e.getMessage()).contains("jars of topology t"));
        assertThatThrownBy(() -> TopologyPreparation.prepare(provider("a.b", Map.of(), List.of()), "bundle:b",
                jars(directory.resolve("none.jar")))).hasMessageContaining("'a.b'");
    }
}
