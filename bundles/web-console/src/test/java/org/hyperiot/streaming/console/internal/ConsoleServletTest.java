package org.hyperiot.streaming.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * The servlet against the console's real files (this module's resources on the test class path),
 * with just enough of a servlet request and response to see what it answers.
 */
class ConsoleServletTest {

    private final ConsoleServlet servlet = new ConsoleServlet(new ConsoleServlet.AssetSource() {
        @Override
        public URL find(String entry) {
            return ConsoleServletTest.class.getClassLoader().getResource(entry);
        }

        @Override
        public String version() {
            return "1.0.0-42";
        }
    });

    /** What the servlet answered. */
    private static final class Answer {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Answer get(String pathInfo, Map<String, String> requestHeaders) throws Exception {
        return call("GET", pathInfo, requestHeaders);
    }

    private Answer call(String httpMethod, String pathInfo, Map<String, String> requestHeaders) throws Exception {
        Answer answer = new Answer();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> httpMethod;
                    case "getPathInfo" -> pathInfo;
                    case "getRequestURI" -> "/streaming/console" + (pathInfo == null ? "" : pathInfo);
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    case "getProtocol" -> "HTTP/1.1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setHeader" -> {
                        answer.headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setStatus" -> {
                        answer.status = (Integer) args[0];
                        yield null;
                    }
                    case "setContentType" -> {
                        answer.contentType = (String) args[0];
                        yield null;
                    }
                    case "setContentLength" -> null;
                    case "containsHeader" -> answer.headers.containsKey((String) args[0]);
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        servlet.service(request, response);
        return answer;
    }

    @Test
    void thePageComesWithItsTypeAndTheSecurityHeaders() throws Exception {
        Answer answer = get("/", Map.of());
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.contentType).isEqualTo("text/html; charset=UTF-8");
        assertThat(answer.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(answer.headers).containsAllEntriesOf(SecurityHeaders.all())
                .containsEntry("Cache-Control", "no-cache")
                .containsEntry("ETag", "\"1.0.0-42\"");
    }

    @Test
    void thePageHasNoInlineScript() throws Exception {
        String page = get("/", Map.of()).body();
        assertThat(Arrays.stream(page.split("<script")).skip(1).toList())
                .allSatisfy(tag -> assertThat(tag).matches("(?s)\\s[^>]*src=\"[^\"]+\"[^>]*>\\s*</script>.*"));
        assertThat(page).doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() throws Exception {
        Answer answer = call("HEAD", "/css/console.css", Map.of());
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.contentType).isEqualTo("text/css; charset=UTF-8");
        assertThat(answer.headers).containsAllEntriesOf(SecurityHeaders.all());
        assertThat(answer.body.size()).isZero();
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        Answer answer = get("/js/app.js", Map.of("If-None-Match", "\"1.0.0-42\""));
        assertThat(answer.status).isEqualTo(304);
        assertThat(answer.body.size()).isZero();
    }

    @Test
    void theEmbeddedLibrariesAreServed() throws Exception {
        // Copied from the WebJars into target/classes by the build, as into the bundle.
        Answer answer = get("/lib/uplot/1.6.30/uPlot.esm.js", Map.of());
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.contentType).startsWith("text/javascript");
        assertThat(answer.headers.get("Cache-Control")).contains("immutable");
    }

    @Test
    void whatIsNotAnAssetIs404WithTheSameHeaders() throws Exception {
        for (String path : new String[] {"/../org/hyperiot/streaming/console/internal/ConsoleServlet.class",
                "/missing.js", "/js/"}) {
            Answer answer = get(path, Map.of());
            assertThat(answer.status).as(path).isEqualTo(404);
            assertThat(answer.headers).as(path).containsAllEntriesOf(SecurityHeaders.all())
                    .containsEntry("Cache-Control", "no-store");
        }
    }

    @Test
    void theAddressWithoutSlashIsRedirected() throws Exception {
        Answer answer = get(null, Map.of());
        assertThat(answer.status).isEqualTo(301);
        assertThat(answer.headers).containsEntry("Location", "/streaming/console/");
    }
}
