package org.hyperiot.streaming.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Turns off CXF's generated WADL for this application: {@code ?_wadl} on any route described every
 * route to anonymous callers, before authentication. CXF runs its WADL generator ahead of every
 * pre-matching filter and lets an application replace it with a provider of its class, so this is
 * that replacement, and it describes nothing: 404 instead.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(ServiceDescriptionBlocker.NAME)
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@PreMatching
public class ServiceDescriptionBlocker extends WadlGenerator {

    static final String NAME = "hyperiot.streaming.no-wadl";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!AuthenticationFilter.isTheApi(request)) {
            request.abortWith(ProblemMapper.response(Problem.of(404, "NOT_FOUND", "Not found", "No such resource")));
        }
    }
}
