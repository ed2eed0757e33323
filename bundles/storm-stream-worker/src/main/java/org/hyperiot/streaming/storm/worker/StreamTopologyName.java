package org.hyperiot.streaming.storm.worker;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Storm topology name of a stream, and back. Stream names are {@code [a-z0-9][a-z0-9._-]{0,62}};
 * Storm refuses {@code .} in a topology name. Since stream names have no upper-case letters, a
 * {@code .} is written {@code _} and a {@code _} is written {@code U}, which reads back unambiguously
 * and keeps the length: {@code site-1.temp_avg} runs as {@code stream-site-1_tempUavg}.
 */
public final class StreamTopologyName {

    /** The beginning of every stream's topology name. */
    public static final String PREFIX = "stream-";

    private static final Pattern STREAM_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern TOPOLOGY_NAME = Pattern.compile(Pattern.quote(PREFIX) + "[a-z0-9][a-z0-9_U-]{0,62}");

    private StreamTopologyName() {
    }

    /**
     * The topology name of a stream.
     *
     * @throws IllegalArgumentException if {@code stream} is not a stream name
     */
    public static String of(String stream) {
        if (stream == null || !STREAM_NAME.matcher(stream).matches()) {
            throw new IllegalArgumentException("not a stream name: " + stream);
        }
        StringBuilder name = new StringBuilder(PREFIX.length() + stream.length()).append(PREFIX);
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            name.append(c == '.' ? '_' : c == '_' ? 'U' : c);
        }
        return name.toString();
    }

    /** The stream a topology runs, if its name is one of a stream's; empty for any other topology. */
    public static Optional<String> streamOf(String topologyName) {
        if (topologyName == null || !TOPOLOGY_NAME.matcher(topologyName).matches()) {
            return Optional.empty();
        }
        StringBuilder stream = new StringBuilder(topologyName.length() - PREFIX.length());
        for (int i = PREFIX.length(); i < topologyName.length(); i++) {
            char c = topologyName.charAt(i);
            stream.append(c == '_' ? '.' : c == 'U' ? '_' : c);
        }
        return Optional.of(stream.toString());
    }
}
