package org.hyperiot.streaming.storm.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortableExtensionsTest {

    @Test
    void aHeaderNamesEachProcessorsClass() {
        assertThat(PortableExtensions.parse(" celsius-to-kelvin = org.example.CelsiusToKelvin,threshold-alert=org.example.Alert "))
                .isEqualTo(Map.of("celsius-to-kelvin", "org.example.CelsiusToKelvin", "threshold-alert", "org.example.Alert"));
        assertThat(PortableExtensions.parse(null)).isEmpty();
    }

    @Test
    void aHeaderThatIsNotNameEqualsClassIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> PortableExtensions.parse("ok=org.example.Ok,org.example.NoName"))
                .hasMessageContaining("'org.example.NoName'");
        assertThatThrownBy(() -> PortableExtensions.parse("Upper=org.example.Upper")).hasMessageContaining("'Upper=");
        assertThatThrownBy(() -> PortableExtensions.parse("a=org.example.A,a=org.example.B")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PortableExtensions.parse("a=org.example.A b")).hasMessageContaining("'a=org.example.A b'");
    }

    @Test
    void onlyJarsTheConnectorCanFetchTravel() {
        assertThat(PortableExtensions.jarOf("mvn:org.example/p/1.0")).isEqualTo(URI.create("mvn:org.example/p/1.0"));
        assertThat(PortableExtensions.jarOf("file:/opt/bundles/p.jar")).isEqualTo(URI.create("file:/opt/bundles/p.jar"));
        assertThatThrownBy(() -> PortableExtensions.jarOf("inputstream:p.jar")).hasMessageContaining("inputstream:p.jar");
    }
}
