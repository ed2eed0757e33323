package org.hyperiot.streaming.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.StormException;
import org.junit.jupiter.api.Test;

class RebalanceRequestsTest {

    @Test
    void fillsInTheDefaultWait() {
        assertThat(RebalanceRequests.check(null, 10).waitSeconds()).isEqualTo(10);
        assertThat(RebalanceRequests.check(new RebalanceRequest(0, 2, Map.of("engine", 4)), 10))
                .isEqualTo(new RebalanceRequest(0, 2, Map.of("engine", 4)));
    }

    @Test
    void refusesImpossibleCountsNamingEachProblem() {
        Map<String, Integer> executors = new HashMap<>();
        executors.put("engine", 0);
        executors.put("sink", null);
        assertThatThrownBy(() -> RebalanceRequests.check(new RebalanceRequest(-1, 0, executors), 10))
                .isInstanceOfSatisfying(StormException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StormException.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("waitSeconds").contains("workers").contains("'engine'")
                            .contains("'sink'");
                });
    }

    @Test
    void refusesComponentsTheTopologyDoesNotHave() {
        RebalanceRequest request = new RebalanceRequest(1, null, Map.of("engine", 2, "ghost", 1));
        assertThatThrownBy(() -> RebalanceRequests.checkComponents(request, Set.of("engine", "source"), "t"))
                .hasMessageContaining("ghost").hasMessageNotContaining("no component engine");
        RebalanceRequests.checkComponents(new RebalanceRequest(1, null, Map.of("engine", 2)), Set.of("engine"), "t");
    }

    @Test
    void killsWaitAtLeastFiveSeconds() {
        RebalanceRequests.checkKillWait(5);
        assertThatThrownBy(() -> RebalanceRequests.checkKillWait(4)).isInstanceOfSatisfying(StormException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StormException.INVALID_REQUEST));
        assertThatThrownBy(() -> RebalanceRequests.checkKillWait(0)).isInstanceOf(StormException.class);
    }
}
