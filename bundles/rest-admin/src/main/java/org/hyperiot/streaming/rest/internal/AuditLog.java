package org.hyperiot.streaming.rest.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's audit trail, on the logger {@value #LOGGER_NAME} so that the distribution can route it
 * to a file of its own: one line per failed login and one per call of a mutating method (POST, PUT,
 * DELETE, PATCH), whatever its outcome. Lines are {@code key=value} pairs; values a caller chose
 * (user name, path) are quoted with quotes, backslashes and control characters escaped, so no
 * request can forge or split a line.
 */
final class AuditLog {

    static final String LOGGER_NAME = "org.hyperiot.streaming.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AuditLog() {
    }

    /** {@code login-failed user="bob" address=127.0.0.1 failures=3}. */
    static void loginFailed(String user, String address, int failures) {
        if (LOG.isInfoEnabled()) {
            LOG.info("login-failed user={} address={} failures={}", quote(user), quote(address), failures);
        }
    }

    /** {@code login-refused user="bob" address=127.0.0.1 retryAfterSeconds=4}: a login not tried because of a lockout. */
    static void loginRefused(String user, String address, long retryAfterSeconds) {
        if (LOG.isInfoEnabled()) {
            LOG.info("login-refused user={} address={} retryAfterSeconds={}", quote(user), quote(address),
                    retryAfterSeconds);
        }
    }

    /** {@code call user="admin" address=127.0.0.1 method=POST path="/streaming/api/v1/kafka/topics" status=201}. */
    static void call(String user, String address, String method, String path, int status) {
        if (LOG.isInfoEnabled()) {
            LOG.info("call user={} address={} method={} path={} status={}", user == null ? "-" : quote(user),
                    quote(address), quote(method), quote(path), status);
        }
    }

    static boolean isMutating(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> false;
            default -> true;
        };
    }

    /** A double-quoted value with quotes, backslashes and control characters escaped. */
    static String quote(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        int shown = 0;
        for (int i = 0; i < value.length() && shown < 256; i++, shown++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (value.length() > 256) {
            quoted.append("…");
        }
        return quoted.append('"').toString();
    }
}
