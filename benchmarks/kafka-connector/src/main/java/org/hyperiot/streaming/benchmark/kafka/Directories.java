package org.hyperiot.streaming.benchmark.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system chores the benchmarks share. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code directory} and everything below it; nothing happens if it does not exist. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            // Deepest first, so that every directory is empty when its turn comes.
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
