package org.hyperiot.streaming.rest.internal;

/** The API's roles, lowest first: each role may do everything the roles before it may. */
enum Role {
    VIEWER, MANAGER, ADMIN;

    boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
