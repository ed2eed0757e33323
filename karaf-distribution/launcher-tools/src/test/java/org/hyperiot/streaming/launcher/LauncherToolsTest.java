package org.hyperiot.streaming.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherToolsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void hashesThePasswordFromStandardInputWithoutItsLineEnd() throws Exception {
        int status = run("pw with spaces\n", "hash-password");

        assertThat(status).isZero();
        String stored = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(PasswordHash.matches("pw with spaces", stored)).isTrue();
        assertThat(PasswordHash.matches("pw with spaces\n", stored)).isFalse();
    }

    @Test
    void refusesAnEmptyPassword() throws Exception {
        assertThat(run("", "hash-password")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void writesThePrivateKeyForItsOwnerOnlyAndPrintsThePublicKey(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("shell.key");
        Files.writeString(key, "an old key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(run("", "shell-key", key.toString())).isZero();

        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).startsWith("AAAAB3NzaC1yc2E");
    }

    @Test
    void unknownCommandsPrintTheUsage() throws Exception {
        assertThat(run("", "print-password")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    private int run(String input, String... args) throws Exception {
        return LauncherTools.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
