package org.hyperiot.streaming.rest.internal;

import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Enforces {@link RequiresRole} on each resource method: 401 (with a Basic challenge) for an
 * anonymous caller, 403 for a caller whose role is too low.
 */
@Component(service = DynamicFeature.class)
@JaxrsExtension
@JaxrsName(AuthorizationFeature.NAME)
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
public class AuthorizationFeature implements DynamicFeature {

    static final String NAME = "hyperiot.streaming.authorization";

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        RequiresRole required = resourceInfo.getResourceMethod().getAnnotation(RequiresRole.class);
        if (required != null) {
            context.register(new RoleCheck(required.value()), Priorities.AUTHORIZATION);
        }
    }

    static final class RoleCheck implements ContainerRequestFilter {

        private final Role required;

        RoleCheck(Role required) {
            this.required = required;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getSecurityContext() instanceof ApiSecurityContext caller) || caller.isAnonymous()) {
                request.abortWith(AuthenticationFilter.unauthorized("This route needs credentials"));
            } else if (!caller.has(required)) {
                request.abortWith(ProblemMapper.response(Problem.of(403, "FORBIDDEN", "Forbidden",
                        "This route needs the " + required.name().toLowerCase() + " role")));
            }
        }
    }
}
