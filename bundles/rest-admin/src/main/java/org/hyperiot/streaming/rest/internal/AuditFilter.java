package org.hyperiot.streaming.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Writes an audit line for every call of a mutating method once its status is known, refused
 * calls included (401, 403, 4xx): who (the user, or the name a failed login claimed), from where,
 * method, path and status.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName(AuditFilter.NAME)
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
public class AuditFilter implements ContainerResponseFilter {

    static final String NAME = "hyperiot.streaming.audit";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!AuditLog.isMutating(request.getMethod())) {
            return;
        }
        String user = request.getSecurityContext() instanceof ApiSecurityContext caller && !caller.isAnonymous()
                ? caller.getUserPrincipal().getName()
                : (String) request.getProperty(AuthenticationFilter.CLAIMED_USER);
        Object address = request.getProperty(AuthenticationFilter.CLIENT_ADDRESS);
        AuditLog.call(user, address == null ? "unknown" : address.toString(), request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(), response.getStatus());
    }
}
