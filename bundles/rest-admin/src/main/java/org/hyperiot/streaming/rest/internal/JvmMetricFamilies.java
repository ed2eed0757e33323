package org.hyperiot.streaming.rest.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The {@code jvm_*} and {@code process_*} families of this Karaf node, read from the platform
 * MXBeans: memory, threads, garbage collection, uptime and processors. They need nothing but the
 * JVM, so {@code /metrics} always has them.
 */
final class JvmMetricFamilies {

    private JvmMetricFamilies() {
    }

    static void addTo(PrometheusExposition page) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        page.gauge("jvm_memory_used_bytes", "Memory in use, by area.")
                .add(heap.getUsed(), "area", "heap")
                .add(nonHeap.getUsed(), "area", "nonheap");
        // -1 means the JVM sets no limit: leave the sample out rather than report a negative size.
        if (heap.getMax() >= 0) {
            page.gauge("jvm_memory_max_bytes", "The most memory the area may use, by area.")
                    .add(heap.getMax(), "area", "heap");
        }
        page.gauge("jvm_threads_live_threads", "Live threads, daemon or not.")
                .add(ManagementFactory.getThreadMXBean().getThreadCount());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            // -1 means the collector does not report; a counter must not go negative.
            if (collector.getCollectionCount() >= 0) {
                page.counter("jvm_gc_collections_total", "Collections the collector has run.")
                        .add(collector.getCollectionCount(), "gc", collector.getName());
            }
            if (collector.getCollectionTime() >= 0) {
                page.counter("jvm_gc_collection_seconds_total", "Time the collector has spent collecting.")
                        .add(collector.getCollectionTime() / 1000.0, "gc", collector.getName());
            }
        }
        page.gauge("process_uptime_seconds", "Time since the JVM started.")
                .add(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        page.gauge("jvm_available_processors", "Processors available to the JVM.")
                .add(Runtime.getRuntime().availableProcessors());
    }
}
