package org.hyperiot.streaming.itests;

/**
 * A request the API must refuse.
 *
 * @param expectedStatus the exact status expected, or 0 for any 4xx
 * @param beforeTheApi   the HTTP server itself refuses it (a request line it cannot parse, a URI
 *                       over its limit) before any route sees it, so the answer is a 4xx of the
 *                       server's, not a problem document
 */
record BadRequest(String label, String method, String path, byte[] body, String contentType, int expectedStatus,
        boolean beforeTheApi) {

    BadRequest(String label, String method, String path, byte[] body, String contentType, int expectedStatus) {
        this(label, method, path, body, contentType, expectedStatus, false);
    }
}
