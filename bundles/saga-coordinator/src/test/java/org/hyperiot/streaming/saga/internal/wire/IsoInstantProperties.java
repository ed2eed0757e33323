package org.hyperiot.streaming.saga.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Supplier;

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

    @Property(tries = 5000)
    void readsWhatItWritesAsInstantParseDoes(@ForAll("instants") Instant instant) {
        String text = WireJson.isoInstant(instant);
        assertThat(WireJson.parseInstant(text)).isEqualTo(instant).isEqualTo(Instant.parse(text));
    }

    @Property(tries = 5000)
    void answersEveryTextAsInstantParseDoes(@ForAll("nearlyInstants") String text) {
        assertThat(outcome(() -> WireJson.parseInstant(text))).isEqualTo(outcome(() -> Instant.parse(text)));
    }

    @Example
    void textsInstantParseTakesOutsideTheDirectForm() {
        for (String text : new String[] {"2026-12-06T24:00:00Z", "2026-12-31T23:59:60Z", "2026-12-06T10:00:00.1Z",
                "2026-12-06T10:00:00.1234Z", "+12026-12-06T10:00:00Z", "2026-12-06T10:00:00+01:00",
                "2028-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-06T10:00:00.12345678Z",
                "2026-12-06t10:00:00Z", "2026-12-06T10:00:00.-23Z", "0000-01-01T00:00:00Z", ""}) {
            assertThat(outcome(() -> WireJson.parseInstant(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
    }

    /** The instant, or the class of the exception thrown. */
    private static Object outcome(Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
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

    /** Written instants with one character replaced by a digit, a sign, a letter or a separator. */
    @Provide
    Arbitrary<String> nearlyInstants() {
        return instants().map(WireJson::isoInstant).flatMap(text -> Arbitraries.integers().between(0, text.length() - 1)
                .flatMap(at -> Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '+', '-', ':', '.', 'T', 'Z', 'x')
                        .map(c -> text.substring(0, at) + c + text.substring(at + 1))));
    }
}
