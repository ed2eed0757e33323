package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.junit.jupiter.api.Test;

class KafkaAdminErrorsTest {

    @Test
    void eachKafkaFailureGetsItsStableCodeAndKeepsKafkasReason() {
        KafkaAdminException exists = KafkaAdminErrors.translate("create topic t", new TopicExistsException("Topic 't' already exists."));

        assertThat(exists.errorCode()).isEqualTo("TOPIC_EXISTS");
        assertThat(exists).hasMessage("Kafka refused to create topic t: Topic 't' already exists.");
        assertThat(KafkaAdminErrors.translate("x", new UnknownTopicOrPartitionException("gone")).errorCode())
                .isEqualTo("UNKNOWN_TOPIC");
        assertThat(KafkaAdminErrors.translate("x", new InvalidReplicationFactorException("rf 3 > 1 broker")).errorCode())
                .isEqualTo("INVALID_REPLICATION_FACTOR");
        assertThat(KafkaAdminErrors.translate("x", new TopicAuthorizationException("denied")).errorCode())
                .isEqualTo("KAFKA_NOT_AUTHORIZED");
        assertThat(KafkaAdminErrors.translate("x", new SaslAuthenticationException("bad password")).errorCode())
                .isEqualTo("KAFKA_AUTHENTICATION_FAILED");
        assertThat(KafkaAdminErrors.translate("x", new GroupNotEmptyException("members")).errorCode())
                .isEqualTo("GROUP_NOT_EMPTY");
        assertThat(KafkaAdminErrors.translate("x", new GroupIdNotFoundException("none")).errorCode())
                .isEqualTo("UNKNOWN_GROUP");
        assertThat(KafkaAdminErrors.translate("x", new IllegalStateException("odd")).errorCode()).isEqualTo("KAFKA_ERROR");
    }
}
