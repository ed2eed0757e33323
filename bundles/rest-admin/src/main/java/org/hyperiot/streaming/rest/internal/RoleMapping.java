package org.hyperiot.streaming.rest.internal;

import java.util.Collection;
import java.util.Optional;

/** Maps the role names a JAAS login yields to the highest API {@link Role} they grant. */
final class RoleMapping {

    private final String viewer;
    private final String manager;
    private final String admin;

    RoleMapping(String viewer, String manager, String admin) {
        this.viewer = viewer;
        this.manager = manager;
        this.admin = admin;
    }

    static RoleMapping from(RestConfiguration configuration) {
        return new RoleMapping(configuration.role_viewer(), configuration.role_manager(), configuration.role_admin());
    }

    Optional<Role> highest(Collection<String> roleNames) {
        if (roleNames.contains(admin)) {
            return Optional.of(Role.ADMIN);
        }
        if (roleNames.contains(manager)) {
            return Optional.of(Role.MANAGER);
        }
        if (roleNames.contains(viewer)) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.empty();
    }
}
