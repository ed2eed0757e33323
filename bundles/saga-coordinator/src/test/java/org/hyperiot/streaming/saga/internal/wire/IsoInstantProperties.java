package org.hyperiot.streaming.saga.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IsoInstantProperties {

    @Property(tries = 5000)
    void writesWhatInstantToStringWrites(@ForAll("instants") Instant instant) {
        assertThat(WireJson.isoInstant(instant)).isEqualTo(instant.toString());
    }

    @Example
    void theEdgesOfTheDirectRange() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MAX,
                Instant.MIN, Instant.parse("2026-12-06T10:00:00.100Z"), Instant.parse("2026-12-06T10:00:00.000100Z"),
                Instant.parse("2026-02-28T23:59:59.000000001Z"), Instant.parse("2028-02-29T12:00:00Z")}) {
            assertThat(WireJson.isoInstant(instant)).isEqualTo(instant.toString());
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(-10_000_000_000L, 260_000_000_000L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(u -> u * 1_000), Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }
}
