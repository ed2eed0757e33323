package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

class OrderSagaRegistrationTest {

    private record Registered(Object type, Object service, Dictionary<?, ?> properties) {
    }

    private final List<Registered> registered = new ArrayList<>();
    private final List<String> unregistered = new ArrayList<>();

    /** A bundle context that only registers services, and remembers what it was asked. */
    private BundleContext bundleContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered.add("unregister");
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] instanceof Class<?>) {
                        registered.add(new Registered(args[0], args[1], (Dictionary<?, ?>) args[2]));
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void activationRegistersTheOrderDefinitionAsASagaDefinitionService() {
        new OrderSagaRegistration(bundleContext());

        assertThat(registered).singleElement().satisfies(service -> {
            assertThat(service.type()).isEqualTo(SagaDefinition.class);
            assertThat(service.service()).isEqualTo(OrderSaga.definition());
            assertThat(service.properties().get(Constants.SERVICE_DESCRIPTION)).isNotNull();
        });
        assertThat(unregistered).isEmpty();
    }

    @Test
    void deactivationWithdrawsIt() {
        new OrderSagaRegistration(bundleContext()).deactivate();

        assertThat(unregistered).containsExactly("unregister");
    }
}
