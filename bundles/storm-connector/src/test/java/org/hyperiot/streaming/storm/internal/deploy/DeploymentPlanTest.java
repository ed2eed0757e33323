package org.hyperiot.streaming.storm.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.storm.internal.deploy.DeploymentPlan.Action.CONFLICT;
import static org.hyperiot.streaming.storm.internal.deploy.DeploymentPlan.Action.KEEP;
import static org.hyperiot.streaming.storm.internal.deploy.DeploymentPlan.Action.KILL;
import static org.hyperiot.streaming.storm.internal.deploy.DeploymentPlan.Action.NOTHING;
import static org.hyperiot.streaming.storm.internal.deploy.DeploymentPlan.Action.REDEPLOY;
import static org.hyperiot.streaming.storm.internal.deploy.DeploymentPlan.Action.SUBMIT;

import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.junit.jupiter.api.Test;

class DeploymentPlanTest {

    private static final String OURS = "bundle:example";

    private static RunningTopology running(String owner, String fingerprint, TopologyStatus status) {
        return new RunningTopology("t-1-1", "t", status, owner, fingerprint);
    }

    @Test
    void submitsWhatIsNotRunning() {
        assertThat(DeploymentPlan.decide(OURS, "f1", null, null, true)).isEqualTo(SUBMIT);
    }

    @Test
    void leavesAnUnchangedTopologyAlone() {
        assertThat(DeploymentPlan.decide(OURS, "f1", running(OURS, "f1", TopologyStatus.ACTIVE), null, true))
                .isEqualTo(NOTHING);
        assertThat(DeploymentPlan.decide(OURS, "f1", running(OURS, "f1", TopologyStatus.INACTIVE), null, true))
                .as("an operator's deactivation is not undone").isEqualTo(NOTHING);
    }

    @Test
    void redeploysAChangedOneOrOneStillBeingKilled() {
        assertThat(DeploymentPlan.decide(OURS, "f2", running(OURS, "f1", TopologyStatus.ACTIVE), null, true))
                .isEqualTo(REDEPLOY);
        assertThat(DeploymentPlan.decide(OURS, "f1", running(OURS, "f1", TopologyStatus.KILLED), null, true))
                .isEqualTo(REDEPLOY);
        assertThat(DeploymentPlan.decide(OURS, "f1", running(null, null, TopologyStatus.KILLED), null, true))
                .isEqualTo(REDEPLOY);
    }

    @Test
    void neverTouchesSomeoneElsesTopology() {
        assertThat(DeploymentPlan.decide(OURS, "f1", running(null, null, TopologyStatus.ACTIVE), null, true))
                .isEqualTo(CONFLICT);
        assertThat(DeploymentPlan.decide(OURS, "f1", running("stream:x", "f1", TopologyStatus.ACTIVE), null, true))
                .isEqualTo(CONFLICT);
        assertThat(DeploymentPlan.decide(null, null, running("bundle:other", "f1", TopologyStatus.ACTIVE), OURS, true))
                .isEqualTo(NOTHING);
    }

    @Test
    void killsOrKeepsTheTopologyOfAProviderThatWentAway() {
        assertThat(DeploymentPlan.decide(null, null, running(OURS, "f1", TopologyStatus.ACTIVE), OURS, true))
                .isEqualTo(KILL);
        assertThat(DeploymentPlan.decide(null, null, running(OURS, "f1", TopologyStatus.ACTIVE), OURS, false))
                .isEqualTo(KEEP);
        assertThat(DeploymentPlan.decide(null, null, running(OURS, "f1", TopologyStatus.KILLED), OURS, true))
                .isEqualTo(NOTHING);
        assertThat(DeploymentPlan.decide(null, null, null, OURS, true)).isEqualTo(NOTHING);
    }
}
