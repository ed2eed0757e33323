package org.hyperiot.streaming.storm.internal.deploy;

import java.util.Objects;

/**
 * Decides what bringing Nimbus in line with the providers takes, for one topology name. Pure: the
 * deployer carries the decision out.
 */
final class DeploymentPlan {

    /** What to do about one name. */
    enum Action {
        /** Nimbus runs what the provider wants (or nothing, and nothing is wanted). */
        NOTHING,
        /** Nothing of that name runs: submit. */
        SUBMIT,
        /** Ours, but changed, or a killed one still known: kill it if alive, wait until Nimbus forgets it, submit. */
        REDEPLOY,
        /** Ours, and its provider went away: kill it. */
        KILL,
        /** Ours, and its provider went away, but the configuration keeps it running. */
        KEEP,
        /** The name is taken by a topology that is not this provider's: leave it alone and report it. */
        CONFLICT
    }

    private DeploymentPlan() {
    }

    /**
     * @param wantedOwner       the owner of the registered provider, {@code null} when none is registered
     * @param wantedFingerprint its fingerprint, {@code null} when none is registered
     * @param running           what Nimbus knows under the name, {@code null} for nothing
     * @param formerOwner       the owner of the provider that went away, when none is registered
     */
    static Action decide(String wantedOwner, String wantedFingerprint, RunningTopology running, String formerOwner,
            boolean undeployOnUnregister) {
        if (wantedOwner == null) {
            if (running == null || running.dying() || formerOwner == null || !formerOwner.equals(running.owner())) {
                return Action.NOTHING;
            }
            return undeployOnUnregister ? Action.KILL : Action.KEEP;
        }
        Objects.requireNonNull(wantedFingerprint, "wantedFingerprint");
        if (running == null) {
            return Action.SUBMIT;
        }
        if (running.dying()) {
            // Being killed, by whoever: it goes away by itself; submitting before then would be refused.
            return Action.REDEPLOY;
        }
        if (!wantedOwner.equals(running.owner())) {
            return Action.CONFLICT;
        }
        return wantedFingerprint.equals(running.fingerprint()) ? Action.NOTHING : Action.REDEPLOY;
    }
}
