package org.hyperiot.streaming.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ops4j.pax.exam.Option;

/**
 * The API's users as the REST tests log in: {@code viewer}, {@code manager} and {@code admin}
 * (password: the name + "pw") holding the API's own roles {@code streaming-viewer},
 * {@code streaming-manager} and {@code streaming-admin}, and {@code karafadmin}, who holds every
 * role of Karaf itself (admin, manager, viewer, systembundles, ssh) and none of the API's. The
 * role names are written into the REST configuration as well, so these tests check the names a
 * node runs with whatever the shipped configuration file says.
 */
final class ApiUsers {

    static final String VIEWER_ROLE = "streaming-viewer";
    static final String MANAGER_ROLE = "streaming-manager";
    static final String ADMIN_ROLE = "streaming-admin";

    private ApiUsers() {
    }

    /** The options of {@code base} followed by those that set up the users and role names above. */
    static Option[] with(Option[] base) {
        List<Option> options = new ArrayList<>(Arrays.asList(base));
        options.add(editConfigurationFilePut("etc/org.hyperiot.streaming.rest.cfg", "role.viewer", VIEWER_ROLE));
        options.add(editConfigurationFilePut("etc/org.hyperiot.streaming.rest.cfg", "role.manager", MANAGER_ROLE));
        options.add(editConfigurationFilePut("etc/org.hyperiot.streaming.rest.cfg", "role.admin", ADMIN_ROLE));
        options.add(editConfigurationFilePut("etc/users.properties", "admin", "adminpw," + ADMIN_ROLE + ",ssh"));
        options.add(editConfigurationFilePut("etc/users.properties", "manager", "managerpw," + MANAGER_ROLE));
        options.add(editConfigurationFilePut("etc/users.properties", "viewer", "viewerpw," + VIEWER_ROLE));
        options.add(editConfigurationFilePut("etc/users.properties", "karafadmin",
                "karafadminpw,admin,manager,viewer,systembundles,ssh"));
        return options.toArray(new Option[0]);
    }
}
