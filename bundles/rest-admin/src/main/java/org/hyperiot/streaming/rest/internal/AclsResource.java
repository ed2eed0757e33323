package org.hyperiot.streaming.rest.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /kafka/acls}: list, add and remove the cluster's ACLs (admin only). Removal takes a filter
 * in the query and refuses an empty one, so a bare {@code DELETE} cannot wipe every ACL.
 */
@Component(service = AclsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("kafka/acls")
public class AclsResource {

    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z]+:[^\\s]{1,255}");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[^\\s]{1,255}");

    private final KafkaTopicAdmin admin;

    @Activate
    public AclsResource(@Reference KafkaTopicAdmin admin) {
        this.admin = admin;
    }

    /**
     * One ACL as the API shows it; {@code patternType} defaults to LITERAL, {@code host} to {@code *}
     * and {@code permission} to ALLOW when absent on creation.
     */
    public record AclEntry(String resourceType, String resourceName, String patternType, String principal,
            String host, String operation, String permission) {

        static AclEntry of(AclBinding binding) {
            return new AclEntry(binding.pattern().resourceType().name(), binding.pattern().name(),
                    binding.pattern().patternType().name(), binding.entry().principal(), binding.entry().host(),
                    binding.entry().operation().name(), binding.entry().permissionType().name());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public List<AclEntry> list() {
        return admin.listAcls(AclBindingFilter.ANY).stream().map(AclEntry::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response add(AclEntry entry) {
        if (entry == null) {
            throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", "A JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        ResourceType resourceType = parse(ResourceType::valueOf, entry.resourceType(), null, "/resourceType", errors,
                ResourceType.ANY, ResourceType.UNKNOWN);
        PatternType patternType = parse(PatternType::valueOf, entry.patternType(), PatternType.LITERAL, "/patternType",
                errors, PatternType.ANY, PatternType.MATCH, PatternType.UNKNOWN);
        AclOperation operation = parse(AclOperation::valueOf, entry.operation(), null, "/operation", errors,
                AclOperation.ANY, AclOperation.UNKNOWN);
        AclPermissionType permission = parse(AclPermissionType::valueOf, entry.permission(), AclPermissionType.ALLOW,
                "/permission", errors, AclPermissionType.ANY, AclPermissionType.UNKNOWN);
        if (entry.resourceName() == null || !RESOURCE_NAME.matcher(entry.resourceName()).matches()) {
            errors.add(new Problem.FieldError("/resourceName", "a resource name of 1 to 255 characters without spaces"));
        }
        if (entry.principal() == null || !PRINCIPAL.matcher(entry.principal()).matches()) {
            errors.add(new Problem.FieldError("/principal", "a principal such as User:alice"));
        }
        String host = entry.host() == null ? "*" : entry.host();
        if (!RESOURCE_NAME.matcher(host).matches()) {
            errors.add(new Problem.FieldError("/host", "a host address or *"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The ACL is invalid", errors);
        }
        AclBinding binding = new AclBinding(new ResourcePattern(resourceType, entry.resourceName(), patternType),
                new AccessControlEntry(entry.principal(), host, operation, permission));
        admin.addAcls(List.of(binding));
        return Response.status(Response.Status.CREATED).entity(AclEntry.of(binding)).build();
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Map<String, Object> remove(@QueryParam("resourceType") String resourceType,
            @QueryParam("resourceName") String resourceName, @QueryParam("patternType") String patternType,
            @QueryParam("principal") String principal, @QueryParam("host") String host,
            @QueryParam("operation") String operation, @QueryParam("permission") String permission) {
        if (resourceName == null && principal == null) {
            throw ApiException.validation("Removing ACLs needs a filter", List.of(new Problem.FieldError(
                    "/principal", "give principal or resourceName (or both) as query parameters")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        AclBindingFilter filter = new AclBindingFilter(
                new ResourcePatternFilter(
                        parse(ResourceType::valueOf, resourceType, ResourceType.ANY, "/resourceType", errors),
                        resourceName,
                        parse(PatternType::valueOf, patternType, PatternType.ANY, "/patternType", errors)),
                new AccessControlEntryFilter(principal, host,
                        parse(AclOperation::valueOf, operation, AclOperation.ANY, "/operation", errors),
                        parse(AclPermissionType::valueOf, permission, AclPermissionType.ANY, "/permission", errors)));
        if (!errors.isEmpty()) {
            throw ApiException.validation("The ACL filter is invalid", errors);
        }
        Collection<AclBinding> removed = admin.removeAcls(List.of(filter));
        return Map.of("removed", removed.stream().map(AclEntry::of).toList());
    }

    /** Parses an enum constant by name; {@code fallback} when absent, an error when unknown or not allowed. */
    @SafeVarargs
    private static <E extends Enum<E>> E parse(Function<String, E> valueOf, String text, E fallback, String pointer,
            List<Problem.FieldError> errors, E... notAllowed) {
        if (text == null) {
            if (fallback == null) {
                errors.add(new Problem.FieldError(pointer, "required"));
            }
            return fallback;
        }
        try {
            E value = valueOf.apply(text.trim().toUpperCase(Locale.ROOT));
            if (List.of(notAllowed).contains(value)) {
                errors.add(new Problem.FieldError(pointer, value + " is not allowed here"));
            }
            return value;
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(pointer, "unknown value '" + text + "'"));
            return fallback;
        }
    }
}
