package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleMappingTest {

    private final RoleMapping mapping = new RoleMapping("viewer", "manager", "admin");

    @Test
    void theHighestGrantedRoleWins() {
        assertThat(mapping.highest(Set.of("viewer", "admin", "ssh"))).contains(Role.ADMIN);
        assertThat(mapping.highest(Set.of("manager"))).contains(Role.MANAGER);
        assertThat(mapping.highest(Set.of("viewer"))).contains(Role.VIEWER);
        assertThat(mapping.highest(Set.of("ssh", "systembundles"))).isEmpty();
    }

    @Test
    void theDefaultRolesAreOurOwnAndKarafsRolesGrantNothing() {
        RoleMapping defaults = RoleMapping.from(Exchange.defaults(RestConfiguration.class));

        assertThat(defaults.highest(Set.of("streaming-admin"))).contains(Role.ADMIN);
        assertThat(defaults.highest(Set.of("streaming-manager"))).contains(Role.MANAGER);
        assertThat(defaults.highest(Set.of("streaming-viewer"))).contains(Role.VIEWER);
        assertThat(defaults.highest(Set.of("admin", "manager", "viewer", "systembundles", "ssh"))).isEmpty();
    }

    @Test
    void roleNamesAreConfigurable() {
        RoleMapping custom = new RoleMapping("ops-read", "ops-run", "ops-all");

        assertThat(custom.highest(Set.of("ops-run"))).contains(Role.MANAGER);
        assertThat(custom.highest(Set.of("admin"))).isEmpty();
    }

    @Test
    void securityContextFollowsTheHierarchy() {
        ApiSecurityContext manager = ApiSecurityContext.user("m", Optional.of(Role.MANAGER), false);

        assertThat(manager.isUserInRole("viewer")).isTrue();
        assertThat(manager.isUserInRole("manager")).isTrue();
        assertThat(manager.isUserInRole("admin")).isFalse();
        assertThat(ApiSecurityContext.anonymous(false).isUserInRole("viewer")).isFalse();
        assertThat(ApiSecurityContext.user("nobody", Optional.empty(), false).has(Role.VIEWER)).isFalse();
    }
}
