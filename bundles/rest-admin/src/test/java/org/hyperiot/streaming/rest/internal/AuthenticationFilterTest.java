package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

/**
 * The way into the API, with the realm replaced by a table of users: what is not the API is not
 * found, failed logins are throttled and take the same time whether the user exists or not.
 */
class AuthenticationFilterTest {

    private static final String API = "http://127.0.0.1:8181/streaming/api/v1/";

    /** A realm with one user whose password check takes 60 ms, as a salted, iterated hash does. */
    private static final class SlowHashRealm extends JaasAuthenticator {

        int checks;

        SlowHashRealm() {
            super("karaf");
        }

        @Override
        Optional<Set<String>> authenticate(BasicCredentials credentials) {
            checks++;
            if (!credentials.user().equals("alice")) {
                return Optional.empty();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new String(credentials.password()).equals("right")
                    ? Optional.of(Set.of("streaming-viewer")) : Optional.empty();
        }
    }

    private final AuthenticationFilter filter =
            new AuthenticationFilter(Exchange.defaults(RestConfiguration.class), new SlowHashRealm());

    /** What a request ended with: the abort response, or null if it went on (with the caller it was given). */
    private static final class Outcome {
        Response aborted;
        SecurityContext caller;
    }

    private Outcome send(String base, String query, String user, String password) throws Exception {
        return send(filter, base, query, user, password);
    }

    private Outcome send(AuthenticationFilter filter, String base, String query, String user, String password)
            throws Exception {
        Outcome outcome = new Outcome();
        Map<String, Object> properties = new HashMap<>();
        MultivaluedMap<String, String> queryParameters = new MultivaluedHashMap<>();
        if (query != null) {
            queryParameters.add(query, "");
        }
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getBaseUri" -> URI.create(base);
                    case "getQueryParameters" -> queryParameters;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        String header = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> header;
                    case "getSecurityContext" -> outcome.caller;
                    case "setSecurityContext" -> {
                        outcome.caller = (SecurityContext) args[0];
                        yield null;
                    }
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    case "getProperty" -> properties.get(args[0]);
                    case "abortWith" -> {
                        outcome.aborted = (Response) args[0];
                        yield null;
                    }
                    case "getLength" -> -1;
                    case "getEntityStream" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        filter.filter(request);
        return outcome;
    }

    @Test
    void theApiIsOnlyServedUnderItsBasePath() throws Exception {
        assertThat(send(API, null, null, null).aborted).isNull();
        assertThat(send("http://127.0.0.1:8181/streaming/api/v1", null, null, null).aborted).isNull();
        Outcome atTheRoot = send("http://127.0.0.1:8181/", null, "alice", "right");
        assertThat(atTheRoot.aborted.getStatus()).isEqualTo(404);
        assertThat(((Problem) atTheRoot.aborted.getEntity()).code()).isEqualTo("NOT_FOUND");
        assertThat(send("http://127.0.0.1:8181/other/streaming/api/v2/", null, null, null).aborted.getStatus()).isEqualTo(404);
    }

    @Test
    void generatedServiceDescriptionsAreNotFound() throws Exception {
        assertThat(send(API, "_wadl", null, null).aborted.getStatus()).isEqualTo(404);
        assertThat(send(API, "_schema", null, null).aborted.getStatus()).isEqualTo(404);
        assertThat(send(API, "purgeState", null, null).aborted).isNull();
    }

    @Test
    void aUserIsLockedOutAfterTheFreeFailuresWith429AndRetryAfterWithoutTheRealmBeingAsked() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send(API, null, "alice", "guess" + i).aborted.getStatus()).isEqualTo(401);
        }
        assertThat(send(API, null, "alice", "guess5").aborted.getStatus()).isEqualTo(401);

        long started = System.nanoTime();
        Outcome locked = send(API, null, "alice", "right");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(locked.aborted.getStatus()).isEqualTo(429);
        assertThat(locked.aborted.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((Problem) locked.aborted.getEntity()).code()).isEqualTo("TOO_MANY_FAILED_LOGINS");
        assertThat(tookMillis).as("no hashing and no padding while locked out").isLessThan(50);
    }

    @Test
    void theRightPasswordStillWorksBeforeTheLockout() throws Exception {
        send(API, null, "alice", "wrong");
        Outcome ok = send(API, null, "alice", "right");
        assertThat(ok.aborted).isNull();
        assertThat(((ApiSecurityContext) ok.caller).has(Role.VIEWER)).isTrue();
    }

    @Test
    void theRealmChecksCredentialsItAcceptedOnceAndEveryOtherPasswordEachTime() throws Exception {
        SlowHashRealm realm = new SlowHashRealm();
        AuthenticationFilter remembering = new AuthenticationFilter(Exchange.defaults(RestConfiguration.class), realm);

        for (int i = 0; i < 5; i++) {
            assertThat(send(remembering, API, null, "alice", "right").aborted).isNull();
        }
        assertThat(realm.checks).isEqualTo(1);
        assertThat(send(remembering, API, null, "alice", "wrong").aborted.getStatus()).isEqualTo(401);
        assertThat(send(remembering, API, null, "alice", "wrong").aborted.getStatus()).isEqualTo(401);
        assertThat(realm.checks).isEqualTo(3);
    }

    @Test
    void withoutRememberingEveryRequestIsChecked() throws Exception {
        SlowHashRealm realm = new SlowHashRealm();
        AuthenticationFilter checking = new AuthenticationFilter(configuration(Map.of("login_cache_ms", 0L)), realm);

        send(checking, API, null, "alice", "right");
        send(checking, API, null, "alice", "right");

        assertThat(realm.checks).isEqualTo(2);
    }

    @Test
    void anUnknownUserTakesAsLongAsAWrongPassword() throws Exception {
        // No lockout here: this is about the time each failure takes.
        AuthenticationFilter patient = new AuthenticationFilter(configuration(Map.of(
                "login_free_failures_per_user", 1_000, "login_free_failures_per_address", 1_000)), new SlowHashRealm());
        for (int i = 0; i < 3; i++) {
            send(patient, API, null, "alice", "wrong"); // the realm's hashing time is learnt from failures
        }
        long[] unknown = new long[7];
        long[] wrong = new long[7];
        for (int i = 0; i < unknown.length; i++) {
            unknown[i] = timeOf(() -> send(patient, API, null, "mallory", "x"));
            wrong[i] = timeOf(() -> send(patient, API, null, "alice", "wrong"));
        }
        java.util.Arrays.sort(unknown);
        java.util.Arrays.sort(wrong);
        long unknownMedian = unknown[3];
        long wrongMedian = wrong[3];
        assertThat(unknownMedian).isGreaterThanOrEqualTo(60);
        assertThat(Math.abs(unknownMedian - wrongMedian)).as("unknown %d ms, wrong password %d ms", unknownMedian,
                wrongMedian).isLessThan(Math.max(20, wrongMedian / 4));
    }

    /** The defaults of the REST configuration, with some attributes replaced. */
    private static RestConfiguration configuration(Map<String, Object> overrides) {
        return (RestConfiguration) Proxy.newProxyInstance(RestConfiguration.class.getClassLoader(),
                new Class<?>[] {RestConfiguration.class}, (proxy, method, args) ->
                        overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue());
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static long timeOf(Attempt attempt) throws Exception {
        long started = System.nanoTime();
        attempt.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
