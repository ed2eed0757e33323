package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Establishes who is calling: HTTP Basic credentials checked against the JAAS realm, or anonymous
 * when no {@code Authorization} header is sent. Wrong or malformed credentials end the request
 * with 401 on every route, public ones included. Also caps the request body size (413).
 */
@Component(service = ContainerRequestFilter.class, configurationPid = AuthenticationFilter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfiguration.class)
@JaxrsExtension
@JaxrsName(AuthenticationFilter.NAME)
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@PreMatching
public class AuthenticationFilter implements ContainerRequestFilter {

    static final String PID = "org.hyperiot.streaming.rest";
    static final String NAME = "hyperiot.streaming.authentication";

    private final JaasAuthenticator authenticator;
    private final RoleMapping roles;
    private final long maxBodyBytes;

    @Activate
    public AuthenticationFilter(RestConfiguration configuration) {
        this.authenticator = new JaasAuthenticator(configuration.realm());
        this.roles = RoleMapping.from(configuration);
        this.maxBodyBytes = configuration.max_body_bytes();
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            request.setSecurityContext(ApiSecurityContext.anonymous(secure));
        } else {
            Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
            Optional<Set<String>> roleNames = credentials.flatMap(authenticator::authenticate);
            if (roleNames.isEmpty()) {
                request.abortWith(unauthorized("Invalid credentials"));
                return;
            }
            request.setSecurityContext(
                    ApiSecurityContext.user(credentials.get().user(), roles.highest(roleNames.get()), secure));
        }
        limitBody(request);
    }

    private void limitBody(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            request.abortWith(ProblemMapper.response(tooLarge()));
            return;
        }
        // Chunked bodies declare no length: count while the body is read (by the JSON reader or a raw-body resource).
        InputStream body = request.getEntityStream();
        if (body != null) {
            request.setEntityStream(limited(body));
        }
    }

    /** The body as resources read it: reading past the configured limit ends the request with 413. */
    InputStream limited(InputStream body) {
        return new BoundedInputStream(body, maxBodyBytes, () -> new ApiException(tooLarge()));
    }

    private Problem tooLarge() {
        return Problem.of(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                "Request bodies are limited to " + maxBodyBytes + " bytes");
    }

    static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMapper.response(Problem.of(401, "UNAUTHORIZED", "Unauthorized", detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"hyperiot-streaming\", charset=\"UTF-8\"")
                .build();
    }
}
