package org.hyperiot.streaming.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed view of PID {@code org.hyperiot.streaming.rest}. */
@ObjectClassDefinition(name = "HyperIoT Streaming REST admin API",
        description = "Security and limits of the REST admin API at /streaming/api/v1.")
@interface RestConfiguration {

    @AttributeDefinition(name = "JAAS realm", description = "The JAAS realm that checks HTTP Basic credentials.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Viewer role", description = "Role that may read (the lowest of the three).")
    String role_viewer() default "viewer";

    @AttributeDefinition(name = "Manager role", description = "Role that may also start and stop streams and topologies.")
    String role_manager() default "manager";

    @AttributeDefinition(name = "Admin role", description = "Role that may do everything.")
    String role_admin() default "admin";

    @AttributeDefinition(name = "Maximum body size (bytes)", description = "Larger request bodies get 413.")
    long max_body_bytes() default 1024 * 1024;
}
