package org.hyperiot.streaming.rest.internal;

import java.security.Principal;
import java.util.Optional;

import javax.ws.rs.core.SecurityContext;

/**
 * The caller of a request: anonymous, or an authenticated user with the highest API role their
 * JAAS roles grant (possibly none). {@link #isUserInRole} follows the hierarchy, so a manager is
 * also a viewer.
 */
final class ApiSecurityContext implements SecurityContext {

    private final Principal user;
    private final Role role;
    private final boolean secure;

    private ApiSecurityContext(Principal user, Role role, boolean secure) {
        this.user = user;
        this.role = role;
        this.secure = secure;
    }

    static ApiSecurityContext anonymous(boolean secure) {
        return new ApiSecurityContext(null, null, secure);
    }

    static ApiSecurityContext user(String name, Optional<Role> role, boolean secure) {
        return new ApiSecurityContext(() -> name, role.orElse(null), secure);
    }

    boolean isAnonymous() {
        return user == null;
    }

    boolean has(Role required) {
        return role != null && role.includes(required);
    }

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public boolean isUserInRole(String roleName) {
        for (Role candidate : Role.values()) {
            if (candidate.name().equalsIgnoreCase(roleName)) {
                return has(candidate);
            }
        }
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return user == null ? null : BASIC_AUTH;
    }
}
