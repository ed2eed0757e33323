package org.hyperiot.streaming.rest.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /me}: who is calling and which API roles they hold, lowest first, the hierarchy
 * included (an admin is also a manager and a viewer). Lets a client check a login and offer only
 * what the user may do, without knowing the JAAS role names the node maps to the API's roles.
 */
@Component(service = CallerResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("me")
public class CallerResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> me(@Context SecurityContext caller) {
        List<String> roles = Arrays.stream(Role.values())
                .map(role -> role.name().toLowerCase(Locale.ROOT))
                .filter(caller::isUserInRole)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", caller.getUserPrincipal().getName());
        body.put("roles", roles);
        return body;
    }
}
