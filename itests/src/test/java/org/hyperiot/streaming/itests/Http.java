package org.hyperiot.streaming.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for the REST API, with optional Basic credentials. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path, String user, String password) throws Exception {
        return send(request(path, user, password).GET());
    }

    public HttpResponse<String> post(String path, String body, String user, String password) throws Exception {
        return send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> delete(String path, String user, String password) throws Exception {
        return send(request(path, user, password).DELETE());
    }

    public HttpResponse<String> put(String path, String body, String user, String password) throws Exception {
        return send(request(path, user, password).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Any method, raw body bytes (or none) and content type (or none): for requests a client should not send. */
    public HttpResponse<String> send(String method, String path, byte[] body, String contentType, String user,
            String password) throws Exception {
        return send(method, path, body, contentType, user, password, Map.of());
    }

    /** As above, with extra request headers. */
    public HttpResponse<String> send(String method, String path, byte[] body, String contentType, String user,
            String password, Map<String, String> headers) throws Exception {
        HttpRequest.Builder builder = request(path, user, password);
        headers.forEach(builder::header);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
