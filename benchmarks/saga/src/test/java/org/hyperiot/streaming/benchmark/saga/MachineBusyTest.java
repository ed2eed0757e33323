package org.hyperiot.streaming.benchmark.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MachineBusyTest {

    @Test
    void busyIsEverythingButIdleAndIoWait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineBusy.parse("cpu  1000 20 300 90000 500 4 6 70 0 0")).isCloseTo(14.0, within(1e-9));
    }

    @Test
    void notTheAllCpuLineIsUnknown() {
        assertThat(MachineBusy.parse("cpu0 1 2 3 4 5 6 7 8")).isNaN();
        assertThat(MachineBusy.parse("cpu 1 2")).isNaN();
    }
}
