package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;

/**
 * The new routes go through the same {@link AuthorizationFeature} as every other: /metrics needs a
 * viewer, /openapi.json nobody. The feature is applied to the real resource methods, and the check it
 * installs is run for each kind of caller.
 */
class RouteSecurityTest {

    private static Method metrics() throws NoSuchMethodException {
        return MetricsResource.class.getMethod("metrics");
    }

    private static Method openApi() throws NoSuchMethodException {
        return OpenApiResource.class.getMethod("document");
    }

    /** The request filters the feature installs for a resource method. */
    private static List<ContainerRequestFilter> checksFor(Method handler) {
        ResourceInfo info = proxy(ResourceInfo.class, (name, args) -> switch (name) {
            case "getResourceMethod" -> handler;
            case "getResourceClass" -> handler.getDeclaringClass();
            default -> throw new UnsupportedOperationException(name);
        });
        List<ContainerRequestFilter> filters = new ArrayList<>();
        FeatureContext[] context = new FeatureContext[1];
        context[0] = proxy(FeatureContext.class, (name, args) -> {
            if (name.equals("register") && args[0] instanceof ContainerRequestFilter filter) {
                filters.add(filter);
                return context[0];
            }
            throw new UnsupportedOperationException(name);
        });
        new AuthorizationFeature().configure(info, context[0]);
        return filters;
    }

    /** The status a caller gets from the installed checks: 0 when they let the request through. */
    private static int statusFor(Method handler, SecurityContext caller) {
        AtomicReference<Response> aborted = new AtomicReference<>();
        ContainerRequestContext request = proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getSecurityContext" -> caller;
            case "abortWith" -> {
                aborted.set((Response) args[0]);
                yield null;
            }
            default -> throw new UnsupportedOperationException(name);
        });
        checksFor(handler).forEach(check -> {
            try {
                check.filter(request);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return aborted.get() == null ? 0 : aborted.get().getStatus();
    }

    private static SecurityContext user(Role role) {
        return ApiSecurityContext.user("someone", Optional.ofNullable(role), false);
    }

    @Test
    void metricsNeedAViewer() throws NoSuchMethodException {
        assertThat(statusFor(metrics(), ApiSecurityContext.anonymous(false))).isEqualTo(401);
        assertThat(statusFor(metrics(), user(null))).isEqualTo(403);
        assertThat(statusFor(metrics(), user(Role.VIEWER))).isZero();
        assertThat(statusFor(metrics(), user(Role.ADMIN))).isZero();
    }

    @Test
    void theOpenApiDocumentIsPublic() throws NoSuchMethodException {
        assertThat(checksFor(openApi())).isEmpty();
        assertThat(statusFor(openApi(), ApiSecurityContext.anonymous(false))).isZero();
    }

    @Test
    void topologiesAreReadByViewersAndControlledByManagers() throws NoSuchMethodException {
        List<Method> reads = List.of(TopologiesResource.class.getMethod("list"),
                TopologiesResource.class.getMethod("get", String.class));
        List<Method> controls = List.of(
                TopologiesResource.class.getMethod("activate", String.class, javax.ws.rs.core.UriInfo.class),
                TopologiesResource.class.getMethod("deactivate", String.class, javax.ws.rs.core.UriInfo.class),
                TopologiesResource.class.getMethod("rebalance", String.class, java.io.InputStream.class,
                        javax.ws.rs.core.UriInfo.class),
                TopologiesResource.class.getMethod("kill", String.class, java.io.InputStream.class,
                        javax.ws.rs.core.UriInfo.class));
        for (Method read : reads) {
            assertThat(statusFor(read, ApiSecurityContext.anonymous(false))).as(read.getName()).isEqualTo(401);
            assertThat(statusFor(read, user(null))).as(read.getName()).isEqualTo(403);
            assertThat(statusFor(read, user(Role.VIEWER))).as(read.getName()).isZero();
        }
        for (Method control : controls) {
            assertThat(statusFor(control, ApiSecurityContext.anonymous(false))).as(control.getName()).isEqualTo(401);
            assertThat(statusFor(control, user(Role.VIEWER))).as(control.getName()).isEqualTo(403);
            assertThat(statusFor(control, user(Role.MANAGER))).as(control.getName()).isZero();
            assertThat(statusFor(control, user(Role.ADMIN))).as(control.getName()).isZero();
        }
    }

    /** Each saga route and the role the contract gives it (SPEC §6). */
    private static Map<String, Role> sagaRoles() {
        Map<String, Role> roles = new TreeMap<>();
        roles.put("GET /saga-definitions", Role.VIEWER);
        roles.put("GET /saga-definitions/{name}", Role.VIEWER);
        roles.put("POST /saga-definitions/validate", Role.VIEWER);
        roles.put("POST /saga-definitions", Role.ADMIN);
        roles.put("PUT /saga-definitions/{name}", Role.ADMIN);
        roles.put("DELETE /saga-definitions/{name}", Role.ADMIN);
        roles.put("GET /sagas", Role.VIEWER);
        roles.put("GET /sagas/{id}", Role.VIEWER);
        roles.put("POST /sagas", Role.MANAGER);
        roles.put("POST /sagas/{id}/cancel", Role.MANAGER);
        roles.put("POST /sagas/{id}/retry", Role.MANAGER);
        roles.put("POST /sagas/{id}/skip", Role.MANAGER);
        return roles;
    }

    @Test
    void sagasAreReadByViewersStartedAndSteeredByManagersAndDefinedByAdmins() {
        Map<String, Method> routes = new TreeMap<>();
        ApiRoutes.declared(List.of(SagaDefinitionsResource.class, SagasResource.class))
                .forEach((route, handler) -> routes.put(route.key(), handler));

        assertThat(routes.keySet()).containsExactlyElementsOf(sagaRoles().keySet());
        sagaRoles().forEach((route, required) -> {
            Method handler = routes.get(route);
            assertThat(statusFor(handler, ApiSecurityContext.anonymous(false))).as(route).isEqualTo(401);
            assertThat(statusFor(handler, user(null))).as(route).isEqualTo(403);
            for (Role role : Role.values()) {
                assertThat(statusFor(handler, user(role))).as(route + " as " + role)
                        .isEqualTo(role.includes(required) ? 0 : 403);
            }
        });
    }

    private interface Answer {
        Object apply(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.apply(method.getName(), args)));
    }
}
