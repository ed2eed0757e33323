package org.hyperiot.streaming.itests;

import static org.hyperiot.streaming.itests.KillMatrixChecks.AT_LEAST_ONCE;
import static org.hyperiot.streaming.itests.KillMatrixChecks.AT_MOST_ONCE;
import static org.hyperiot.streaming.itests.KillMatrixChecks.EXACTLY_ONCE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * Each verdict of the kill matrix catches the fault it is there for, and lets through what its
 * guarantee allows: outputs with a planted loss, repeat or miscount against clean ones.
 */
public class KillMatrixChecksTest {

    private static final Map<String, Integer> TWO_DEVICES = Map.of("d00", 3, "d01", 2);

    @Test
    public void sequencesHoldEachGuaranteeToItsOwnFaults() {
        List<OutputLog.Output> clean = outputs("d00:0", "d00:1", "d00:2", "d01:0", "d01:1");
        List<OutputLog.Output> lost = outputs("d00:0", "d00:2", "d01:0", "d01:1");
        List<OutputLog.Output> repeated = outputs("d00:0", "d00:1", "d00:1", "d00:2", "d01:0", "d01:1");
        for (String guarantee : List.of(AT_MOST_ONCE, AT_LEAST_ONCE, EXACTLY_ONCE)) {
            assertClean(KillMatrixChecks.sequences("s", guarantee, TWO_DEVICES, clean));
        }
        assertClean(KillMatrixChecks.sequences("s", AT_MOST_ONCE, TWO_DEVICES, lost));
        assertViolation(KillMatrixChecks.sequences("s", AT_MOST_ONCE, TWO_DEVICES, repeated), "1 records repeated");
        assertClean(KillMatrixChecks.sequences("s", AT_LEAST_ONCE, TWO_DEVICES, repeated));
        assertViolation(KillMatrixChecks.sequences("s", AT_LEAST_ONCE, TWO_DEVICES, lost), "1 records missing");
        assertViolation(KillMatrixChecks.sequences("s", EXACTLY_ONCE, TWO_DEVICES, lost), "1 records missing");
        assertViolation(KillMatrixChecks.sequences("s", EXACTLY_ONCE, TWO_DEVICES, repeated), "1 records repeated");
        assertViolation(KillMatrixChecks.sequences("s", AT_LEAST_ONCE, TWO_DEVICES, outputs("d00:0", "d00:1", "d00:2",
                "d00:7", "d01:0", "d01:1")), "never sent: [7]");
    }

    @Test
    public void exactlyOnceWindowsAreTheCrashFreeRunsExactly() {
        List<String> expected = List.of(window("d00", 0, 3, 0, 2), window("d00", 1000, 2, 3, 4));
        assertClean(KillMatrixChecks.windows("w", EXACTLY_ONCE, expected, List.of(expected.get(1), expected.get(0))));
        assertViolation(KillMatrixChecks.windows("w", EXACTLY_ONCE, expected, List.of(expected.get(0))), "missing (1)");
        assertViolation(KillMatrixChecks.windows("w", EXACTLY_ONCE, expected,
                List.of(expected.get(0), expected.get(1), expected.get(1))), "not expected (1)");
    }

    @Test
    public void atLeastOnceWindowsAreAllThereAndRepeatOnlyAsTheyWere() {
        List<String> expected = List.of(window("d00", 0, 3, 0, 2), window("d00", 1000, 2, 3, 4));
        assertClean(KillMatrixChecks.windows("w", AT_LEAST_ONCE, expected,
                List.of(expected.get(0), expected.get(1), expected.get(1))));
        // A record counted again after a restore: more, never less.
        assertClean(KillMatrixChecks.windows("w", AT_LEAST_ONCE, expected,
                List.of(window("d00", 0, 4, 0, 2), expected.get(1))));
        assertViolation(KillMatrixChecks.windows("w", AT_LEAST_ONCE, expected, List.of(expected.get(0))),
                "never published (1)");
        assertViolation(KillMatrixChecks.windows("w", AT_LEAST_ONCE, expected,
                List.of(window("d00", 0, 2, 1, 2), expected.get(1))), "covering less");
        assertViolation(KillMatrixChecks.windows("w", AT_LEAST_ONCE, expected,
                List.of(expected.get(0), window("d00", 0, 4, 0, 2), expected.get(1))), "published again with other counts");
        assertViolation(KillMatrixChecks.windows("w", AT_LEAST_ONCE, expected,
                List.of(expected.get(0), expected.get(1), window("d01", 0, 1, 0, 0))), "does not have (1)");
    }

    @Test
    public void atMostOnceWindowsComeOnceAndCountNoMore() {
        List<String> expected = List.of(window("d00", 0, 3, 0, 2), window("d00", 1000, 2, 3, 4));
        assertClean(KillMatrixChecks.windows("w", AT_MOST_ONCE, expected, List.of(window("d00", 0, 2, 0, 1))));
        assertViolation(KillMatrixChecks.windows("w", AT_MOST_ONCE, expected,
                List.of(expected.get(0), expected.get(0))), "more than once (1)");
        assertViolation(KillMatrixChecks.windows("w", AT_MOST_ONCE, expected,
                List.of(window("d00", 0, 4, 0, 2))), "counting more");
    }

    @Test
    public void processingTimeCountsAddUpWithoutARepeatHidingALoss() {
        List<String> clean = List.of(window("d00", 0, 2, 0, 1), window("d00", 1000, 1, 2, 2), window("d01", 0, 2, 0, 1));
        assertClean(KillMatrixChecks.processingTimeSums("p", EXACTLY_ONCE, TWO_DEVICES, clean));
        assertViolation(KillMatrixChecks.processingTimeSums("p", EXACTLY_ONCE, TWO_DEVICES,
                List.of(window("d00", 0, 2, 0, 1), window("d01", 0, 2, 0, 1))), "do not add up (1)");
        // Seq 1 counted twice and seq 2 lost: the sum is right, the runs are not.
        assertViolation(KillMatrixChecks.processingTimeSums("p", EXACTLY_ONCE, TWO_DEVICES,
                List.of(window("d00", 0, 2, 0, 1), window("d00", 1000, 1, 1, 1), window("d01", 0, 2, 0, 1))),
                "consecutive runs");
        assertClean(KillMatrixChecks.processingTimeSums("p", AT_LEAST_ONCE, TWO_DEVICES,
                List.of(window("d00", 0, 3, 0, 1), window("d00", 1000, 1, 2, 2), window("d01", 0, 2, 0, 1))));
    }

    @Test
    public void theProcessorsConversionIsChecked() {
        double kelvin = TelemetryFeed.temperature("d00", 1) + 273.15;
        assertClean(KillMatrixChecks.converted("k", List.of(output("d00", "{\"seq\":1,\"tempK\":" + kelvin + "}"))));
        assertViolation(KillMatrixChecks.converted("k", List.of(output("d00", "{\"seq\":1,\"tempK\":" + (kelvin + 1) + "}"),
                output("d00", "{\"seq\":2}"))), "did not convert (2)");
    }

    @Test
    public void aStateChangeCommittedTwiceIsARepeat() {
        List<KillMatrixChecks.ChangelogRecord> clean = List.of(change("w/a", "1"), change("w/a", "2"), change("w/a", null),
                change("w/b", "1"));
        assertClean(KillMatrixChecks.changelogRepeats("c", clean));
        List<KillMatrixChecks.ChangelogRecord> zombie = new ArrayList<>(clean);
        zombie.add(change("w/a", "2"));
        assertViolation(KillMatrixChecks.changelogRepeats("c", zombie), "committed twice (1)");
        List<KillMatrixChecks.ChangelogRecord> deletedTwice = new ArrayList<>(clean);
        deletedTwice.add(change("w/a", null));
        assertViolation(KillMatrixChecks.changelogRepeats("c", deletedTwice), "(tombstone)");
    }

    private static void assertClean(KillMatrixChecks.Verdict verdict) {
        assertEquals(verdict.summary(), List.of(), verdict.violations());
    }

    private static void assertViolation(KillMatrixChecks.Verdict verdict, String expected) {
        assertEquals(verdict.violations().toString(), 1, verdict.violations().size());
        assertTrue(verdict.violations().get(0), verdict.violations().get(0).contains(expected));
    }

    private static List<OutputLog.Output> outputs(String... deviceSeqs) {
        List<OutputLog.Output> outputs = new ArrayList<>();
        for (String deviceSeq : deviceSeqs) {
            String[] parts = deviceSeq.split(":");
            outputs.add(output(parts[0], "{\"deviceId\":\"" + parts[0] + "\",\"seq\":" + parts[1] + "}"));
        }
        return outputs;
    }

    private static OutputLog.Output output(String key, String value) {
        return new OutputLog.Output(key, value, 0);
    }

    private static String window(String key, long start, long n, long firstSeq, long lastSeq) {
        return "{\"key\":\"" + key + "\",\"windowStart\":" + start + ",\"windowEnd\":" + (start + 1000) + ",\"n\":" + n
                + ",\"firstSeq\":" + firstSeq + ",\"lastSeq\":" + lastSeq + "}";
    }

    private static KillMatrixChecks.ChangelogRecord change(String key, String value) {
        return new KillMatrixChecks.ChangelogRecord(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
