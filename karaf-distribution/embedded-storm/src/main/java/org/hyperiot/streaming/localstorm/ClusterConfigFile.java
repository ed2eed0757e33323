package org.hyperiot.streaming.localstorm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes the cluster configuration as {@code storm.yaml}. Daemons starting at the same moment write
 * the same content, each through a file of its own renamed into place, so a reader never sees half a file.
 */
final class ClusterConfigFile {

    private ClusterConfigFile() {
    }

    static void write(Path file, Map<String, Object> config, String writer) throws IOException {
        Files.createDirectories(file.getParent());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path temporary = file.resolveSibling(file.getFileName() + "." + writer + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write("# Written by the embedded Storm's " + writer + " at every start; edits here are lost.\n");
            out.write("# Change it with bin/streaming's STREAMING_STORM_* variables instead.\n");
            new Yaml(options).dump(config, out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
