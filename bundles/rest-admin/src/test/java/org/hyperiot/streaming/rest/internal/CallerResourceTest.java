package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;

class CallerResourceTest {

    private final CallerResource resource = new CallerResource();

    @Test
    void aViewerIsOnlyAViewer() {
        Map<String, Object> body = resource.me(ApiSecurityContext.user("vera", Optional.of(Role.VIEWER), false));
        assertThat(body).containsExactly(Map.entry("user", "vera"), Map.entry("roles", List.of("viewer")));
    }

    @Test
    void aManagerIsAlsoAViewer() {
        assertThat(resource.me(ApiSecurityContext.user("max", Optional.of(Role.MANAGER), false)))
                .containsEntry("roles", List.of("viewer", "manager"));
    }

    @Test
    void anAdminHoldsEveryRoleLowestFirst() {
        assertThat(resource.me(ApiSecurityContext.user("admin", Optional.of(Role.ADMIN), true)))
                .containsEntry("user", "admin")
                .containsEntry("roles", List.of("viewer", "manager", "admin"));
    }

    @Test
    void theRouteNeedsAViewer() throws NoSuchMethodException {
        assertThat(CallerResource.class.getMethod("me", SecurityContext.class)
                .getAnnotation(RequiresRole.class).value()).isEqualTo(Role.VIEWER);
    }
}
