package org.hyperiot.streaming.kafka.internal;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;

/** Gives each kind of Kafka admin failure a stable code that callers (and the REST API) can act on. */
final class KafkaAdminErrors {

    private KafkaAdminErrors() {
    }

    static KafkaAdminException translate(String action, Throwable error) {
        String code;
        // Security first: Kafka's authentication and authorization exceptions extend InvalidConfigurationException.
        if (error instanceof AuthenticationException) {
            code = "KAFKA_AUTHENTICATION_FAILED";
        } else if (error instanceof AuthorizationException) {
            code = "KAFKA_NOT_AUTHORIZED";
        } else if (error instanceof TopicExistsException) {
            code = "TOPIC_EXISTS";
        } else if (error instanceof UnknownTopicOrPartitionException) {
            code = "UNKNOWN_TOPIC";
        } else if (error instanceof GroupNotEmptyException) {
            code = "GROUP_NOT_EMPTY";
        } else if (error instanceof GroupIdNotFoundException) {
            code = "UNKNOWN_GROUP";
        } else if (error instanceof InvalidTopicException) {
            code = "INVALID_TOPIC";
        } else if (error instanceof InvalidPartitionsException) {
            code = "INVALID_PARTITIONS";
        } else if (error instanceof InvalidReplicationFactorException) {
            code = "INVALID_REPLICATION_FACTOR";
        } else if (error instanceof InvalidConfigurationException || error instanceof InvalidRequestException) {
            code = "INVALID_CONFIG";
        } else if (error instanceof PolicyViolationException) {
            code = "POLICY_VIOLATION";
        } else if (error instanceof SecurityDisabledException) {
            code = "SECURITY_DISABLED";
        } else if (error instanceof TimeoutException) {
            code = "KAFKA_UNAVAILABLE";
        } else {
            code = "KAFKA_ERROR";
        }
        return new KafkaAdminException(code, "Kafka refused to " + action + ": " + error.getMessage(), error);
    }
}
