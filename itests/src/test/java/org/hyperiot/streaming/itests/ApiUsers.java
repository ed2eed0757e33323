package org.hyperiot.streaming.itests;

/**
 * The API's users as the REST tests log in ({@link KarafOptions} writes them into
 * etc/users.properties): {@code viewer}, {@code manager} and {@code admin} (password: the name +
 * "pw") holding the API's own roles, and {@code karafadmin}, who holds every role of Karaf itself
 * (admin, manager, viewer, systembundles, ssh) and none of the API's. The role names are those of
 * the shipped org.hyperiot.streaming.rest.cfg, which the tests leave as it is.
 */
final class ApiUsers {

    static final String VIEWER_ROLE = "streaming-viewer";
    static final String MANAGER_ROLE = "streaming-manager";
    static final String ADMIN_ROLE = "streaming-admin";

    private ApiUsers() {
    }
}
