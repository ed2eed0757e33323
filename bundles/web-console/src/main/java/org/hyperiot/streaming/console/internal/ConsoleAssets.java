package org.hyperiot.streaming.console.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which file of the bundle a request path under {@code /streaming/console/} names, and how to serve it.
 * Only files below the asset root {@value #ROOT} with a known type can be named: a path with an empty,
 * {@code .} or {@code ..} segment, a backslash, an encoded or unusual character, or an unknown
 * extension names nothing, so no request reaches the bundle's classes, its manifest or anything
 * outside the root.
 */
final class ConsoleAssets {

    /** The folder of the bundle that holds the console's files. */
    static final String ROOT = "console/";

    /** The page served for the console's own address. */
    static final String INDEX = "index.html";

    /**
     * A path segment: letters, digits, dot, dash and underscore, not starting with a dot (no
     * {@code .}, {@code ..} or hidden files).
     */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private static final int MAX_SEGMENTS = 8;

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=UTF-8");

    /** Vendor libraries live under a path that holds their version, so that path never changes content. */
    private static final String VERSIONED_LIBRARIES = "lib/";

    private ConsoleAssets() {
    }

    /** A file the console may serve: its entry in the bundle, its content type and its cache policy. */
    record Asset(String entry, String contentType, String cacheControl) {
    }

    /**
     * The asset a request path names, if any.
     *
     * @param pathInfo the path after {@code /streaming/console}, as the servlet container decoded it;
     *                 {@code "/"} or empty for the console's page
     */
    static Optional<Asset> resolve(String pathInfo) {
        if (pathInfo == null || !pathInfo.startsWith("/") && !pathInfo.isEmpty()) {
            return Optional.empty();
        }
        String relative = pathInfo.isEmpty() || pathInfo.equals("/") ? INDEX : pathInfo.substring(1);
        String[] segments = relative.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        String last = segments[segments.length - 1];
        int dot = last.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String contentType = CONTENT_TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (contentType == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(ROOT + relative, contentType, cacheControl(relative)));
    }

    /**
     * Versioned libraries are kept by browsers for a year without asking again; the console's own files
     * change with each build under the same name, so browsers revalidate them every time (a cheap 304).
     */
    private static String cacheControl(String relative) {
        return relative.startsWith(VERSIONED_LIBRARIES)
                ? "public, max-age=31536000, immutable"
                : "no-cache";
    }
}
