package org.hyperiot.streaming.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed view of PID {@code org.hyperiot.streaming.rest}. */
@ObjectClassDefinition(name = "HyperIoT Streaming REST admin API",
        description = "Security and limits of the REST admin API at /streaming/api/v1.")
@interface RestConfiguration {

    @AttributeDefinition(name = "JAAS realm", description = "The JAAS realm that checks HTTP Basic credentials.")
    String realm() default "karaf";

    // Names of our own: Karaf's viewer/manager/admin roles also open JMX, SSH and Config Admin.
    @AttributeDefinition(name = "Viewer role", description = "Role that may read (the lowest of the three).")
    String role_viewer() default "streaming-viewer";

    @AttributeDefinition(name = "Manager role", description = "Role that may also start and stop streams and topologies.")
    String role_manager() default "streaming-manager";

    @AttributeDefinition(name = "Admin role", description = "Role that may do everything.")
    String role_admin() default "streaming-admin";

    @AttributeDefinition(name = "Maximum body size (bytes)", description = "Larger request bodies get 413.")
    long max_body_bytes() default 1024 * 1024;

    @AttributeDefinition(name = "Free failed logins per user",
            description = "Failed logins of one user name before each further one locks that user out for a while.")
    int login_free_failures_per_user() default 5;

    @AttributeDefinition(name = "Free failed logins per address",
            description = "Failed logins from one client address before each further one locks that address out.")
    int login_free_failures_per_address() default 10;

    @AttributeDefinition(name = "First lockout (ms)",
            description = "Lockout after the first failure beyond the free ones; each further failure doubles it.")
    long login_first_penalty_ms() default 1000;

    @AttributeDefinition(name = "Longest lockout (ms)", description = "The lockout stops doubling here.")
    long login_max_penalty_ms() default 60_000;

    @AttributeDefinition(name = "Forget failures after (ms)",
            description = "Failures older than this no longer count.")
    long login_forget_after_ms() default 15 * 60_000;

    @AttributeDefinition(name = "Failed login minimum time (ms)",
            description = "Every failed login takes at least this long, and as long as the slowest recent one, "
                    + "so an unknown user cannot be told from a wrong password by timing.")
    long login_failure_min_ms() default 20;

    @AttributeDefinition(name = "Remember accepted logins (ms)",
            description = "Credentials the realm accepted are not checked again for this long (0: every request "
                    + "is checked). A password changed or a role removed in the realm applies after at most this.")
    long login_cache_ms() default 60_000;
}
