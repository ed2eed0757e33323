package org.hyperiot.streaming.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The JAX-RS application at {@code /streaming/api/v1}. It requires its JSON provider, both
 * security extensions and the audit filter: the whiteboard does not serve it until they are bound,
 * so no route can ever be reachable without authentication or escape the audit log.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(StreamingApiApplication.BASE)
@JaxrsName(StreamingApiApplication.NAME)
@JaxrsExtensionSelect({
        "(osgi.jaxrs.name=" + JsonBodyProvider.NAME + ")",
        "(osgi.jaxrs.name=" + AuthenticationFilter.NAME + ")",
        "(osgi.jaxrs.name=" + AuthorizationFeature.NAME + ")",
        "(osgi.jaxrs.name=" + ProblemMapper.NAME + ")",
        "(osgi.jaxrs.name=" + AuditFilter.NAME + ")",
        "(osgi.jaxrs.name=" + ServiceDescriptionBlocker.NAME + ")"})
public class StreamingApiApplication extends Application {

    static final String BASE = "streaming/api/v1";
    static final String NAME = "hyperiot-streaming";
    /** Selects this application, for resources and extensions. */
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
