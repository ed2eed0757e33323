package org.hyperiot.streaming.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the console's files from this bundle at {@code /streaming/console/} on the node's HTTP
 * service, through the OSGi HTTP Whiteboard. Read-only and public: the files hold no data; every
 * piece of data the page shows comes from the REST API, with the credentials the user types in.
 * Each response carries {@link SecurityHeaders}; unknown paths get 404 with the same headers.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + ConsoleServlet.PATTERN,
        "osgi.http.whiteboard.servlet.name=" + ConsoleServlet.NAME})
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATTERN = "/streaming/console/*";
    static final String NAME = "hyperiot-streaming-console";

    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.UTF_8);

    private final transient AssetSource source;

    @Activate
    public ConsoleServlet(BundleContext context) {
        this(bundleEntries(context.getBundle()));
    }

    ConsoleServlet(AssetSource source) {
        this.source = source;
    }

    /** Where asset files are read from: the bundle in Karaf, a class path in tests. */
    interface AssetSource {

        /** The file at {@code entry}, or null when there is none. */
        URL find(String entry);

        /** A tag that changes whenever the files may have changed (the bundle's last update). */
        String version();
    }

    private static AssetSource bundleEntries(Bundle bundle) {
        return new AssetSource() {
            @Override
            public URL find(String entry) {
                // getEntry reads this bundle's own jar only: never an imported package or a fragment.
                URL url = bundle.getEntry(entry);
                return url == null || url.getPath().endsWith("/") ? null : url;
            }

            @Override
            public String version() {
                return bundle.getVersion() + "-" + bundle.getLastModified();
            }
        };
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        SecurityHeaders.all().forEach(response::setHeader);
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            // Relative links in the page resolve against a folder only with the trailing slash.
            response.setHeader("Location", request.getRequestURI() + "/");
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            return;
        }
        Optional<ConsoleAssets.Asset> asset = ConsoleAssets.resolve(pathInfo);
        URL url = asset.map(found -> source.find(found.entry())).orElse(null);
        if (url == null) {
            // Written here rather than by sendError, whose error page the container would render.
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain; charset=UTF-8");
            if (withBody) {
                response.getOutputStream().write(NOT_FOUND);
            }
            return;
        }
        String etag = "\"" + source.version() + "\"";
        response.setHeader("Cache-Control", asset.get().cacheControl());
        response.setHeader("ETag", etag);
        response.setContentType(asset.get().contentType());
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        try (InputStream in = url.openStream()) {
            byte[] body = in.readAllBytes();
            response.setContentLength(body.length);
            if (withBody) {
                try (OutputStream out = response.getOutputStream()) {
                    out.write(body);
                }
            }
        }
    }
}
