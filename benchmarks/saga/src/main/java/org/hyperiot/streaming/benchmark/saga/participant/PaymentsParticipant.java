package org.hyperiot.streaming.benchmark.saga.participant;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Component;

/** Participant {@code bench-payments}: the second step, charge (compensation refund) of the benchmark's saga. */
@Component(service = SagaParticipant.class, property = SagaParticipant.PARTICIPANT_NAME + "=bench-payments")
public class PaymentsParticipant extends BenchmarkParticipant {
}
