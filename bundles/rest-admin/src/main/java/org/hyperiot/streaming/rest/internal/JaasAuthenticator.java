package org.hyperiot.streaming.rest.internal;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/** Checks credentials against a JAAS realm of Karaf and returns the user's role names. */
class JaasAuthenticator {

    private final String realm;

    JaasAuthenticator(String realm) {
        this.realm = realm;
    }

    /** The role names of the user, or empty when the realm rejects the credentials. */
    Optional<Set<String>> authenticate(BasicCredentials credentials) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads Karaf's proxy login module through the TCCL; a Jetty thread's TCCL is arbitrary.
        thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(credentials.user());
                    } else if (callback instanceof PasswordCallback password) {
                        password.setPassword(credentials.password());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream()
                    .map(Principal::getName)
                    .collect(Collectors.toUnmodifiableSet());
            login.logout();
            return Optional.of(roles);
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
