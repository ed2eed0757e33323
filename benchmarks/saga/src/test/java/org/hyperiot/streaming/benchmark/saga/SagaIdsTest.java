package org.hyperiot.streaming.benchmark.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SagaIdsTest {

    @Test
    void anIdLeadsBackToItsRunAndNumber() {
        String id = SagaIds.id("t2h", 12345);

        assertThat(id).isEqualTo("t2h-12345");
        assertThat(SagaIds.tagOf(id)).isEqualTo("t2h");
        assertThat(SagaIds.indexOf(id)).isEqualTo(12345);
    }

    @Test
    void aCommandIdLeadsBackToItsSaga() {
        String commandId = SagaIds.id("lr", 7) + "/charge/execute/charge";

        assertThat(SagaIds.tagOf(commandId)).isEqualTo("lr");
        assertThat(SagaIds.indexOf(commandId)).isEqualTo(7);
    }

    @Test
    void foreignKeysBelongToNoRun() {
        assertThat(SagaIds.tagOf(null)).isNull();
        assertThat(SagaIds.tagOf("0b8a3c2e")).isNull();
        assertThat(SagaIds.indexOf("0b8a3c2e")).isEqualTo(-1);
        assertThat(SagaIds.indexOf("order-o17")).isEqualTo(-1);
        assertThat(SagaIds.indexOf("t1h-")).isEqualTo(-1);
    }

    @Test
    void aTagHasLettersAndDigitsOnly() {
        assertThatThrownBy(() -> SagaIds.id("t-1", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
