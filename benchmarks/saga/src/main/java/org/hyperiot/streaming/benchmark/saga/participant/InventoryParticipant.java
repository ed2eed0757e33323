package org.hyperiot.streaming.benchmark.saga.participant;

import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.osgi.service.component.annotations.Component;

/** Participant {@code bench-inventory}: the first step, reserve (compensation release) of the benchmark's saga. */
@Component(service = SagaParticipant.class, property = SagaParticipant.PARTICIPANT_NAME + "=bench-inventory")
public class InventoryParticipant extends BenchmarkParticipant {
}
