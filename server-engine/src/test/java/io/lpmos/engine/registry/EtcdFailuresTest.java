package io.lpmos.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * How a failed etcd call is worded: "unreachable" for an outage (etcd down, connection cut mid-call),
 * "refused" only when etcd itself answered no. The failures are built as jetcd and gRPC report them.
 */
class EtcdFailuresTest {

    @Test
    void aCallCutOffByADyingEtcdIsAnOutage() {
        // what a revocation in flight gets when the etcd process is killed under it
        assertThat(EtcdRegistration.isUnreachable(new ExecutionException(
                EtcdExceptionFactory.toEtcdException(Status.UNKNOWN.withDescription("channel closed"))))).isTrue();
        assertThat(EtcdRegistration.isUnreachable(
                Status.UNKNOWN.withCause(new ClosedChannelException()).asRuntimeException())).isTrue();
    }

    @Test
    void noConnectionAndTimeoutsAreOutages() {
        assertThat(EtcdRegistration.isUnreachable(new ExecutionException(
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()))).isTrue();
        assertThat(EtcdRegistration.isUnreachable(
                EtcdExceptionFactory.toEtcdException(Status.DEADLINE_EXCEEDED))).isTrue();
        assertThat(EtcdRegistration.isUnreachable(new TimeoutException())).isTrue();
    }

    @Test
    void whatEtcdAnswersIsARefusal() {
        assertThat(EtcdRegistration.isUnreachable(new ExecutionException(
                EtcdExceptionFactory.toEtcdException(Status.PERMISSION_DENIED.withDescription("permission denied")))))
                .isFalse();
        assertThat(EtcdRegistration.isUnreachable(
                EtcdExceptionFactory.toEtcdException(Status.UNKNOWN.withDescription("etcdserver: too many requests"))))
                .isFalse();
    }
}
