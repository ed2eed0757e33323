package org.hyperiot.streaming.benchmark.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time the whole machine spent busy, from Linux's {@code /proc/stat}, so that a run can tell how
 * much of the CPU other processes (concurrent builds, the hypervisor's steal) took while it ran.
 */
final class MachineCpu {

    /** Linux reports {@code /proc/stat} in USER_HZ ticks, 100 per second on every mainstream build. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path STAT = Path.of("/proc/stat");

    private MachineCpu() {
    }

    /** Busy time of all CPUs together (user, nice, system, irq, softirq, steal), if the OS tells. */
    static Optional<Duration> busy() {
        try {
            String first = Files.readAllLines(STAT).get(0);
            String[] fields = first.trim().split("\\s+");
            if (!fields[0].equals("cpu") || fields.length < 9) {
                return Optional.empty();
            }
            long ticks = Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                    + Long.parseLong(fields[6]) + Long.parseLong(fields[7]) + Long.parseLong(fields[8]);
            return Optional.of(Duration.ofNanos(ticks * NANOS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
