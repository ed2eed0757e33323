package org.hyperiot.streaming.storm.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.osgi.framework.Bundle;

/**
 * Writes a bundle's current content as a jar file, for Storm's workers (which load spouts and bolts
 * from a jar, outside OSGi). The jar is rebuilt from the bundle's entries rather than read from its
 * location: after {@code bundle:update} the location still names the old jar, and a {@code mvn:}
 * location may need the network. Entries are written sorted, with a fixed time, so that the same
 * content gives the same bytes and checksum.
 */
final class BundleJars {

    /** 1980-01-01, the earliest time a zip entry holds: any fixed value makes the bytes repeatable. */
    private static final long FIXED_TIME = 315_532_800_000L;

    private BundleJars() {
    }

    /** The jar of {@code bundle}'s current revision in {@code directory}, written unless it is there already. */
    static Path export(Bundle bundle, Path directory) throws IOException {
        Files.createDirectories(directory);
        String prefix = "bundle-" + bundle.getBundleId() + "-";
        Path target = directory.resolve(prefix + bundle.getLastModified() + ".jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path partial = Files.createTempFile(directory, prefix, ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                write(bundle, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        // Older revisions of the same bundle are not needed any more.
        try (DirectoryStream<Path> older = Files.newDirectoryStream(directory, prefix + "*.jar")) {
            for (Path jar : older) {
                if (!jar.equals(target)) {
                    Files.deleteIfExists(jar);
                }
            }
        }
        return target;
    }

    private static void write(Bundle bundle, OutputStream out) throws IOException {
        TreeMap<String, URL> entries = new TreeMap<>();
        Enumeration<URL> found = bundle.findEntries("/", "*", true);
        for (URL url : found == null ? Collections.<URL>emptyList() : Collections.list(found)) {
            String path = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
            if (!path.isEmpty() && !path.endsWith("/")) {
                entries.put(path, url);
            }
        }
        List<String> order = new ArrayList<>();
        // Jar readers expect the manifest first.
        if (entries.containsKey("META-INF/MANIFEST.MF")) {
            order.add("META-INF/MANIFEST.MF");
        }
        entries.keySet().stream().filter(path -> !path.equals("META-INF/MANIFEST.MF")).forEach(order::add);
        try (JarOutputStream jar = new JarOutputStream(out)) {
            for (String path : order) {
                ZipEntry entry = new ZipEntry(path);
                entry.setTime(FIXED_TIME);
                jar.putNextEntry(entry);
                try (InputStream in = entries.get(path).openStream()) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
    }
}
