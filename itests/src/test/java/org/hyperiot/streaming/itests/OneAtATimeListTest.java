package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The pom names the integration tests that run alone twice: by category (so {@code -Dit.test} lands in
 * one run) and by file name (so neither run builds the other's test classes). A test marked
 * {@link OneAtATime} but left out of the names would run in neither; one named but not marked would
 * run in neither either. Both lists must name the same classes.
 */
public class OneAtATimeListTest {

    private static final Path TESTS = Path.of("src/test/java/org/hyperiot/streaming/itests");
    private static final Pattern EXECUTION = Pattern.compile(
            "<execution>\\s*<id>([\\w-]+)</id>(.*?)</execution>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("<(?:include|exclude)>([^<]+)</(?:include|exclude)>");

    @Test
    public void theCategoryAndTheFileNamesSelectTheSameTests() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Set<String> marked = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        try (Stream<Path> files = Files.list(TESTS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList()) {
                all.add(file.getFileName().toString());
                if (Files.readString(file, StandardCharsets.UTF_8).contains("@Category(OneAtATime.class)")) {
                    marked.add(file.getFileName().toString());
                }
            }
        }
        assertFalse("no test is marked OneAtATime", marked.isEmpty());
        assertEquals("one-at-a-time <includes>", marked, selected(all, names(pom, "one-at-a-time")));
        assertEquals("two-at-a-time <excludes>", marked, selected(all, names(pom, "two-at-a-time")));
    }

    /** The file patterns of the main build's execution {@code id} (the first one: profiles come later). */
    private static List<String> names(String pom, String id) {
        Matcher execution = EXECUTION.matcher(pom);
        while (execution.find()) {
            if (execution.group(1).equals(id)) {
                return NAME.matcher(execution.group(2)).results().map(result -> result.group(1)).toList();
            }
        }
        throw new AssertionError("no execution " + id + " in pom.xml");
    }

    private static Set<String> selected(Set<String> files, List<String> patterns) {
        Set<String> selected = new TreeSet<>();
        for (String pattern : patterns) {
            // Failsafe's **/Name.java matches the class in any package: here, the file name alone.
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replaceFirst("^\\*\\*/", ""));
            files.stream().filter(file -> matcher.matches(Path.of(file))).forEach(selected::add);
        }
        return selected;
    }
}
