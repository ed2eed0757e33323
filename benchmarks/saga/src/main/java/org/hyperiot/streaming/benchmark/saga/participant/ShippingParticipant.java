package org.hyperiot.streaming.benchmark.saga.participant;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Component;

/** Participant {@code bench-shipping}: the third step, ship (compensation cancel-shipment) of the benchmark's saga. */
@Component(service = SagaParticipant.class, property = SagaParticipant.PARTICIPANT_NAME + "=bench-shipping")
public class ShippingParticipant extends BenchmarkParticipant {
}
