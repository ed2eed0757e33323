package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
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
 * The way into the API. Refuses what is not the API itself (the same resources reached outside
 * {@code /streaming/api/v1}, CXF's generated WADL) with 404; establishes who is calling: HTTP Basic
 * credentials checked against the JAAS realm, or anonymous when no {@code Authorization} header is
 * sent. Wrong or malformed credentials end the request with 401 on every route, public ones
 * included; failed logins are throttled per user and address ({@link LoginThrottle}: 429 while
 * locked out), take the same time whether the user exists or not ({@link FailureTiming}) and are
 * audited ({@link AuditLog}). Also caps the request body size (413).
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

    /** Request properties the audit filter reads: who claimed to call, and from where. */
    static final String CLAIMED_USER = "hyperiot.streaming.user";
    static final String CLIENT_ADDRESS = "hyperiot.streaming.address";

    /** Query parameters CXF answers with generated service descriptions instead of the API. */
    private static final Set<String> SERVICE_DESCRIPTION_QUERIES = Set.of("_wadl", "_schema", "_js");

    private final JaasAuthenticator authenticator;
    private final RoleMapping roles;
    private final long maxBodyBytes;
    private final LoginThrottle throttle;
    private final FailureTiming failureTiming;
    private final CredentialCache recentlyAccepted;

    @Context
    private HttpServletRequest servletRequest;

    @Activate
    public AuthenticationFilter(RestConfiguration configuration) {
        this(configuration, new JaasAuthenticator(configuration.realm()));
    }

    AuthenticationFilter(RestConfiguration configuration, JaasAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.roles = RoleMapping.from(configuration);
        this.maxBodyBytes = configuration.max_body_bytes();
        this.throttle = new LoginThrottle(new LoginThrottle.Limits(configuration.login_free_failures_per_user(),
                configuration.login_free_failures_per_address(), Duration.ofMillis(configuration.login_first_penalty_ms()),
                Duration.ofMillis(configuration.login_max_penalty_ms()),
                Duration.ofMillis(configuration.login_forget_after_ms()), 10_000), System::nanoTime);
        this.failureTiming = new FailureTiming(Duration.ofMillis(configuration.login_failure_min_ms()),
                Duration.ofMillis(Math.max(configuration.login_failure_min_ms(), 500)), System::nanoTime);
        this.recentlyAccepted = new CredentialCache(Duration.ofMillis(configuration.login_cache_ms()), 10_000,
                System::nanoTime);
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!isTheApi(request)) {
            request.abortWith(ProblemMapper.response(Problem.of(404, "NOT_FOUND", "Not found", "No such resource")));
            return;
        }
        String address = clientAddress();
        request.setProperty(CLIENT_ADDRESS, address);
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            request.setSecurityContext(ApiSecurityContext.anonymous(secure));
        } else {
            Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
            String user = credentials.map(BasicCredentials::user).orElse("");
            request.setProperty(CLAIMED_USER, user);
            Optional<Duration> locked = throttle.lockedOut(user, address);
            if (locked.isPresent()) {
                long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
                AuditLog.loginRefused(user, address, seconds);
                request.abortWith(tooManyFailures(seconds));
                return;
            }
            long started = System.nanoTime();
            Optional<Set<String>> roleNames = credentials.flatMap(this::authenticate);
            if (roleNames.isEmpty()) {
                int failures = throttle.failed(user, address);
                AuditLog.loginFailed(user, address, failures);
                failureTiming.padFailure(started);
                request.abortWith(unauthorized("Invalid credentials"));
                return;
            }
            throttle.succeeded(user, address);
            request.setSecurityContext(
                    ApiSecurityContext.user(credentials.get().user(), roles.highest(roleNames.get()), secure));
        }
        limitBody(request);
    }

    private Optional<Set<String>> authenticate(BasicCredentials credentials) {
        Optional<Set<String>> remembered = recentlyAccepted.roles(credentials);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<Set<String>> roleNames = authenticator.authenticate(credentials);
        roleNames.ifPresent(names -> recentlyAccepted.accepted(credentials, names));
        return roleNames;
    }

    /**
     * Whether the request reached the application at its own base path and asks for the API. The
     * whiteboard also serves the application's resources at the server root, and CXF answers
     * {@code ?_wadl} with a description of every route, to anyone.
     */
    static boolean isTheApi(ContainerRequestContext request) {
        String base = request.getUriInfo().getBaseUri().getRawPath();
        if (base == null || !(base.endsWith("/" + StreamingApiApplication.BASE + "/")
                || base.endsWith("/" + StreamingApiApplication.BASE))) {
            return false;
        }
        return request.getUriInfo().getQueryParameters().keySet().stream()
                .noneMatch(SERVICE_DESCRIPTION_QUERIES::contains);
    }

    /** The peer's address as the server saw it (never a forwarded header, which the client writes). */
    private String clientAddress() {
        try {
            return servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
        } catch (RuntimeException e) {
            // Outside a request (unit tests) the injected proxy has nothing to delegate to.
            return "unknown";
        }
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

    static Response tooManyFailures(long retryAfterSeconds) {
        return Response.fromResponse(ProblemMapper.response(Problem.of(429, "TOO_MANY_FAILED_LOGINS",
                        "Too many failed logins", "Too many failed logins for this user or from this address; "
                                + "try again in " + retryAfterSeconds + " s")))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .build();
    }

    static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemMapper.response(Problem.of(401, "UNAUTHORIZED", "Unauthorized", detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"hyperiot-streaming\", charset=\"UTF-8\"")
                .build();
    }
}
