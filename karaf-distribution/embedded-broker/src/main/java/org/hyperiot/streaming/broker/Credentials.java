package org.hyperiot.streaming.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A user name and password read from a properties file ({@code username=…}, {@code password=…}),
 * the form in which the launcher keeps the broker's and the node's Kafka credentials under
 * {@code STREAMING_HOME} (mode 0600). Read from a file so that they never appear on a command line.
 *
 * @param username SASL user name
 * @param password its password
 */
record Credentials(String username, String password) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    Credentials {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a user name must match " + NAME + ", not '" + username + "'");
        }
        // The password is written inside a quoted JAAS option, where a quote or backslash would end or escape it.
        if (password == null || password.isEmpty() || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("the password of '" + username + "' is empty or has a quote or backslash");
        }
    }

    static Credentials read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials from " + file, e);
        }
        return new Credentials(properties.getProperty("username"), properties.getProperty("password"));
    }

    /** {@code username="…" password="…"}, the options of Kafka's PLAIN and SCRAM login modules. */
    String jaasOptions() {
        return "username=\"" + username + "\" password=\"" + password + "\"";
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
