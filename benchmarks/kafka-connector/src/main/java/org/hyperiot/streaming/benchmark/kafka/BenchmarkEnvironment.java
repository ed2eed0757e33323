package org.hyperiot.streaming.benchmark.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;

/** What the report says about the machine and the run, so that figures can be compared fairly. */
record BenchmarkEnvironment(LocalDate date, int cpus, String cpuModel, String os, String java, String jvmArguments,
        String kafkaVersion, String loadBefore, String loadAfter, long wallSeconds) {

    static BenchmarkEnvironment before() {
        return new BenchmarkEnvironment(LocalDate.now(), Runtime.getRuntime().availableProcessors(), readCpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                kafkaClientsVersion(), loadAverage(), "", 0);
    }

    BenchmarkEnvironment after(long wallSeconds) {
        return new BenchmarkEnvironment(date, cpus, cpuModel, os, java, jvmArguments, kafkaVersion, loadBefore,
                loadAverage(), wallSeconds);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The version kafka-clients reports about itself (its public API has no accessor for it). */
    private static String kafkaClientsVersion() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown model");
        } catch (IOException | RuntimeException e) {
            return "unknown model";
        }
    }
}
