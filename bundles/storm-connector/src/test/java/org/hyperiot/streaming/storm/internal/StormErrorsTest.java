package org.hyperiot.streaming.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.apache.storm.generated.AlreadyAliveException;
import org.apache.storm.generated.AuthorizationException;
import org.apache.storm.generated.InvalidTopologyException;
import org.apache.storm.generated.NotAliveException;
import org.apache.storm.thrift.TApplicationException;
import org.apache.storm.thrift.transport.TTransportException;
import org.apache.storm.utils.NimbusLeaderNotFoundException;
import org.hyperiot.streaming.api.storm.StormException;
import org.junit.jupiter.api.Test;

class StormErrorsTest {

    @Test
    void givesEachStormFailureItsCodeAndKeepsTheCause() {
        NotAliveException notAlive = new NotAliveException("t is not alive");
        StormException unknown = StormErrors.translate("kill topology t", notAlive);
        assertThat(unknown.errorCode()).isEqualTo(StormException.UNKNOWN_TOPOLOGY);
        assertThat(unknown.getMessage()).contains("kill topology t").contains("t is not alive");
        assertThat(unknown.getCause()).isSameAs(notAlive);

        assertThat(StormErrors.translate("a", new AlreadyAliveException("x")).errorCode())
                .isEqualTo(StormException.ALREADY_ALIVE);
        assertThat(StormErrors.translate("a", new InvalidTopologyException("bad conf")).getMessage())
                .contains("bad conf");
        assertThat(StormErrors.translate("a", new InvalidTopologyException("x")).errorCode())
                .isEqualTo(StormException.INVALID_TOPOLOGY);
        assertThat(StormErrors.translate("a", new AuthorizationException("no")).errorCode())
                .isEqualTo(StormException.NOT_AUTHORIZED);
        assertThat(StormErrors.translate("a", new TApplicationException("internal")).errorCode())
                .isEqualTo(StormException.STORM_ERROR);
    }

    @Test
    void transportFailuresAnywhereInTheChainMeanNimbusIsUnavailable() {
        RuntimeException wrapped = new RuntimeException(new TTransportException(new ConnectException("refused")));
        StormException unavailable = StormErrors.translate("list topologies", wrapped);
        assertThat(unavailable.errorCode()).isEqualTo(StormException.NIMBUS_UNAVAILABLE);
        assertThat(unavailable.getMessage()).contains("refused");
        assertThat(unavailable.getCause()).isSameAs(wrapped);
        assertThat(StormErrors.isUnreachable(new NimbusLeaderNotFoundException("none"))).isTrue();
        assertThat(StormErrors.isUnreachable(new NotAliveException("x"))).isFalse();
    }

    @Test
    void interruptionKeepsTheFlag() {
        StormException interrupted = StormErrors.translate("a", new InterruptedException());
        assertThat(interrupted.errorCode()).isEqualTo(StormException.INTERRUPTED);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aStormExceptionPassesThrough() {
        StormException original = new StormException(StormException.INVALID_REQUEST, "x");
        assertThat(StormErrors.translate("a", original)).isSameAs(original);
    }
}
