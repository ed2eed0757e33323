package org.hyperiot.streaming.benchmark.kafka;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time and heap allocation of one thread, or of a group of threads, as the JVM accounts them.
 * Unlike records/s these do not depend on how long the thread waited for a CPU, so they show the
 * connector's own cost even on a machine shared with other work.
 *
 * @param cpuNanos       CPU time
 * @param allocatedBytes bytes allocated on the heap
 */
record ThreadCost(long cpuNanos, long allocatedBytes) {

    static final ThreadCost NONE = new ThreadCost(0, 0);

    /** Kafka names each producer's I/O thread after the producer's {@code client.id}. */
    private static final String PRODUCER_THREAD_PREFIX = "kafka-producer-network-thread | ";

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static ThreadCost ofCurrentThread() {
        return new ThreadCost(THREADS.getCurrentThreadCpuTime(), THREADS.getCurrentThreadAllocatedBytes());
    }

    /** The cost so far of every live producer I/O thread, by the producer's client id. */
    static Map<String, ThreadCost> ofProducerThreads() {
        Map<String, ThreadCost> costs = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(PRODUCER_THREAD_PREFIX)) {
                long id = thread.getId();
                costs.put(thread.getName().substring(PRODUCER_THREAD_PREFIX.length()),
                        new ThreadCost(THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id)));
            }
        }
        return costs;
    }

    ThreadCost plus(ThreadCost other) {
        return new ThreadCost(cpuNanos + other.cpuNanos, allocatedBytes + other.allocatedBytes);
    }

    ThreadCost minus(ThreadCost other) {
        return new ThreadCost(cpuNanos - other.cpuNanos, allocatedBytes - other.allocatedBytes);
    }

    static boolean supported() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadAllocatedMemorySupported();
    }

    static void enable() {
        if (supported()) {
            THREADS.setThreadCpuTimeEnabled(true);
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** Sums, over the client ids {@code include} accepts, what each thread cost between two snapshots. */
    static ThreadCost between(Map<String, ThreadCost> before, Map<String, ThreadCost> after,
            Predicate<String> include) {
        ThreadCost total = NONE;
        for (Map.Entry<String, ThreadCost> entry : after.entrySet()) {
            if (include.test(entry.getKey())) {
                // A thread started during the run (the connector's lazily created producer) cost all it shows.
                total = total.plus(entry.getValue().minus(before.getOrDefault(entry.getKey(), NONE)));
            }
        }
        return total;
    }
}
