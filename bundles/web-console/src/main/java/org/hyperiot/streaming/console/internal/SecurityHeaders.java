package org.hyperiot.streaming.console.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every console response carries. The Content-Security-Policy lets the page load only
 * the node's own files and talk only to the node: no inline script, no {@code eval}, no plug-ins, no
 * framing by any site (clickjacking), no form posted elsewhere. Images may also be {@code data:} URLs,
 * which Swagger UI's stylesheet uses for its icons.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final Map<String, String> HEADERS = headers();

    private SecurityHeaders() {
    }

    /** Header names and values, in a stable order. */
    static Map<String, String> all() {
        return HEADERS;
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        // For browsers older than frame-ancestors.
        headers.put("X-Frame-Options", "DENY");
        // The console's addresses carry stream and saga names: they stay on the node.
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        return Collections.unmodifiableMap(headers);
    }
}
