package org.hyperiot.streaming.benchmark.saga;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine has spent busy, from Linux's {@code /proc/stat}, so that a run can tell
 * how much of the 2 cores everything else took meanwhile (other builds and tests, the hypervisor's
 * steal, the benchmark's own feed and reader).
 */
final class MachineBusy {

    /** {@code /proc/stat} counts in USER_HZ ticks, 100 per second on every mainstream build. */
    private static final double SECONDS_PER_TICK = 0.01;
    private static final Path STAT = Path.of("/proc/stat");

    private MachineBusy() {
    }

    /** Busy seconds of all CPUs together (user, nice, system, irq, softirq, steal), or NaN. */
    static double seconds() {
        try {
            return parse(Files.readAllLines(STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The busy seconds of {@code /proc/stat}'s first line, or NaN if it is not the all-CPU line. */
    static double parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            return Double.NaN;
        }
        long ticks = Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                + Long.parseLong(fields[6]) + Long.parseLong(fields[7]) + Long.parseLong(fields[8]);
        return ticks * SECONDS_PER_TICK;
    }
}
