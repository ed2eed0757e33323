package org.hyperiot.streaming.benchmark.kafka;

import java.time.Duration;

/**
 * One variant's run: {@code records} sent to a fresh topic, all acknowledged and verified.
 *
 * @param round          0-based round number, warm-up rounds included
 * @param warmup         whether the round is left out of the figures
 * @param position       0-based place of this run within its round
 * @param elapsed        from the first send until the last acknowledgement
 * @param clientCpu      CPU time of the benchmark JVM during the run (all its threads, GC included)
 * @param brokerCpu      CPU time of the broker process during the run, if the OS reports it
 * @param otherCores     average number of CPUs kept busy by other processes during the run (NaN if unknown)
 * @param sendingThread  what the thread calling {@code send} spent
 * @param ioThread       what the producer's I/O thread spent (it runs the callbacks and completes the stages)
 * @param traffic        what the producer sent to the broker
 * @param gcPause        time the benchmark JVM spent in garbage collection pauses
 */
record RunResult(SendVariant variant, int round, boolean warmup, int position, String topic, long records,
        Duration elapsed, Duration clientCpu, Duration brokerCpu, double otherCores, ThreadCost sendingThread,
        ThreadCost ioThread, ProducerTraffic traffic, Duration gcPause) {

    double recordsPerSecond() {
        return records / (elapsed.toNanos() / 1e9);
    }

    /** Client CPU nanoseconds per record. */
    double clientCpuNanosPerRecord() {
        return (double) clientCpu.toNanos() / records;
    }

    double sendingCpuNanosPerRecord() {
        return (double) sendingThread.cpuNanos() / records;
    }

    double sendingBytesPerRecord() {
        return (double) sendingThread.allocatedBytes() / records;
    }

    double ioCpuNanosPerRecord() {
        return (double) ioThread.cpuNanos() / records;
    }

    double ioBytesPerRecord() {
        return (double) ioThread.allocatedBytes() / records;
    }

    /** Records per request to the broker: about the records per batch times the partitions a request carries. */
    double recordsPerRequest() {
        return traffic.requests() == 0 ? Double.NaN : records / traffic.requests();
    }

    /** Share of the run during which {@code send} blocked on a full buffer: the broker side was the limit. */
    double blockedShare() {
        return traffic.blockedNanos() / elapsed.toNanos();
    }

    double gcPauseMillisPerMillionRecords() {
        return gcPause.toMillis() * 1e6 / records;
    }

    double wireBytesPerRecord() {
        return traffic.bytes() / records;
    }

    double brokerCpuNanosPerRecord() {
        return (double) brokerCpu.toNanos() / records;
    }
}
