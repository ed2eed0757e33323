package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.itests.OneStreamWindowOracle.Expectation;
import org.hyperiot.streaming.itests.OneStreamWindowOracle.Input;
import org.hyperiot.streaming.itests.OneStreamWindowOracle.Result;
import org.hyperiot.streaming.itests.OneStreamWindowOracle.Window;
import org.junit.Test;

/**
 * The oracle of {@code RepartitionIT} computes what one ordered stream gives, and its comparison
 * catches each way published results can be wrong.
 */
public class OneStreamWindowOracleTest {

    private static final long SIZE = 10_000;
    private static final long DISORDER = 2_000;

    @Test
    public void oneKeyIsOneWindowWhereverItsRecordsCameFrom() {
        // Issue 17's first case: c@4000 (partition 0) and c@6000 (partition 1) are one window, n=2, s=30.
        Expectation expectation = OneStreamWindowOracle.run(List.of(
                in("c", 4_000, 10), in("c", 6_000, 20), in("c", 25_000, 0)), SIZE, DISORDER);
        assertEquals(Map.of(new Window("c", 0), new Result("c", 0, 10_000, 2, 30, 4_000, 6_000)),
                expectation.results());
        assertEquals(0, expectation.late());
    }

    @Test
    public void lateIsRelativeToTheHighestEventTimeOfTheWholeInput() {
        // Issue 17's second case the other way round: as one stream, a@9000 after b@50000 is late
        // (watermark 48000 passed the end of [0, 10000)), and a@47000 is within the disorder bound.
        Expectation expectation = OneStreamWindowOracle.run(List.of(
                in("b", 50_000, 1), in("a", 9_000, 5), in("a", 47_000, 7), in("z", 80_000, 0)), SIZE, DISORDER);
        assertEquals(1, expectation.late());
        assertEquals(78_000, expectation.finalWatermark());
        assertEquals(Map.of(new Window("a", 40_000), new Result("a", 40_000, 50_000, 1, 7, 47_000, 47_000),
                new Window("b", 50_000), new Result("b", 50_000, 60_000, 1, 1, 50_000, 50_000)),
                expectation.results());
    }

    @Test
    public void filteredRecordsMoveTheWatermarkButJoinNoWindow() {
        Expectation expectation = OneStreamWindowOracle.run(List.of(
                in("a", 1_000, 3), new Input("a", 2_000, 100, false), new Input("b", 15_000, 9, false),
                in("a", 12_500, 4)), SIZE, DISORDER);
        // The filtered b@15000 made the watermark 13000: [0, 10000) closed, [10000, 20000) not.
        assertEquals(Map.of(new Window("a", 0), new Result("a", 0, 10_000, 1, 3, 1_000, 1_000)),
                expectation.results());
        assertEquals(0, expectation.late());
    }

    @Test
    public void aWindowIsPublishedOnlyOnceTheFinalWatermarkPassedItsEnd() {
        Expectation open = OneStreamWindowOracle.run(List.of(in("a", 1_000, 1), in("a", 11_999, 1)), SIZE, DISORDER);
        assertTrue(open.results().isEmpty());
        Expectation closed = OneStreamWindowOracle.run(List.of(in("a", 1_000, 1), in("a", 12_000, 1)), SIZE, DISORDER);
        assertEquals(1, closed.results().size());
    }

    @Test
    public void theComparisonCatchesEveryKindOfWrongOutput() {
        Map<Window, Result> expected = OneStreamWindowOracle.run(List.of(
                in("a", 1_000, 1), in("b", 2_000, 2), in("a", 3_000, 3), in("a", 15_000, 4), in("x", 40_000, 0)),
                SIZE, DISORDER).results();
        String a0 = "{\"key\":\"a\",\"windowStart\":0,\"windowEnd\":10000,\"n\":2,\"s\":4,\"firstTs\":1000,\"lastTs\":3000}";
        String b0 = "{\"key\":\"b\",\"windowStart\":0,\"windowEnd\":10000,\"n\":1,\"s\":2,\"firstTs\":2000,\"lastTs\":2000}";
        String a1 = "{\"key\":\"a\",\"windowStart\":10000,\"windowEnd\":20000,\"n\":1,\"s\":4,\"firstTs\":15000,\"lastTs\":15000}";
        assertEquals(List.of(), OneStreamWindowOracle.differences(expected, List.of(a1, b0, a0)));

        assertDifference(expected, List.of(a0, b0, a1, a0), "1 windows published more than once");
        assertDifference(expected, List.of(a0, a1), "1 windows missing, e.g. [b@0]");
        assertDifference(expected, List.of(a0, b0, a1,
                "{\"key\":\"b\",\"windowStart\":10000,\"windowEnd\":20000,\"n\":1,\"s\":2,\"firstTs\":12000,\"lastTs\":12000}"),
                "1 windows not expected");
        // Each aggregate, and the end, is compared.
        for (String wrong : List.of(a0.replace("\"n\":2", "\"n\":1"), a0.replace("\"s\":4", "\"s\":3"),
                a0.replace("\"firstTs\":1000", "\"firstTs\":3000"), a0.replace("\"lastTs\":3000", "\"lastTs\":1000"),
                a0.replace("\"windowEnd\":10000", "\"windowEnd\":20000"))) {
            assertDifference(expected, List.of(wrong, b0, a1), "1 windows with other aggregates");
        }
        // Two partial results for one window (the same key counted in two partitions' tasks).
        assertDifference(expected, List.of(a0.replace("\"n\":2,\"s\":4", "\"n\":1,\"s\":1"),
                a0.replace("\"n\":2,\"s\":4", "\"n\":1,\"s\":3"), b0, a1), "1 windows published more than once");
        // A retraction is never expected from a tumbling window.
        assertDifference(expected, List.of(a0, b0, a1,
                "{\"key\":\"a\",\"windowStart\":0,\"windowEnd\":10000,\"retracted\":true}"), "1 windows published more than once");
    }

    private static void assertDifference(Map<Window, Result> expected, List<String> published, String expectedText) {
        List<String> differences = OneStreamWindowOracle.differences(expected, new ArrayList<>(published));
        assertTrue("expected '" + expectedText + "' in " + differences,
                differences.stream().anyMatch(d -> d.startsWith(expectedText)));
    }

    private static Input in(String key, long eventTime, long value) {
        return new Input(key, eventTime, value, true);
    }
}
