package org.hyperiot.streaming.example.saga.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Offers the {@link OrderSaga order} definition as a {@link SagaDefinition} service for as long as this
 * bundle runs; the saga coordinator picks definitions up from such services. A record cannot be a
 * component's service object (DS instantiates the component class), so this component registers it
 * itself.
 */
@Component
public class OrderSagaRegistration {

    private final ServiceRegistration<SagaDefinition> registration;

    @Activate
    public OrderSagaRegistration(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, "The example order saga: reserve, charge and notify, ship");
        registration = context.registerService(SagaDefinition.class, OrderSaga.definition(), properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework unregisters a stopping bundle's services itself; there is nothing left to do.
        }
    }
}
