package org.hyperiot.streaming.benchmark.sidebyside;

/** The CPU time a process of this machine has used, as its operating system accounts it. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** The CPU seconds process {@code pid} has used so far (user and system), or NaN once it is gone. */
    static double seconds(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration())
                .map(duration -> duration.toNanos() / 1e9)
                .orElse(Double.NaN);
    }
}
