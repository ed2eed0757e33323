package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamLimitReachedException;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamsUnavailableException;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.hyperiot.streaming.api.saga.SagaDefinitionExistsException;
import org.hyperiot.streaming.api.saga.SagaDefinitionNotFoundException;
import org.hyperiot.streaming.api.saga.SagaNotFoundException;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    private static Reply failing(RuntimeException error) {
        return call(() -> {
            throw error;
        });
    }

    @Test
    void mapsTheStreamExceptionsToStableCodes() {
        assertThat(failing(new StreamNotFoundException("s")))
                .extracting(Reply::status, Reply::code).containsExactly(404, "STREAM_NOT_FOUND");
        assertThat(failing(new StreamExistsException("s")))
                .extracting(Reply::status, Reply::code).containsExactly(409, "STREAM_EXISTS");

        Reply unavailable = failing(new StreamsUnavailableException("Topic defs has cleanup.policy=delete: fix it."));
        assertThat(unavailable).extracting(Reply::status, Reply::code).containsExactly(503, "STREAMS_UNAVAILABLE");
        assertThat(unavailable.body().path("detail").asText()).isEqualTo("Topic defs has cleanup.policy=delete: fix it.");

        Reply invalid = failing(new InvalidStreamDefinitionException(List.of(
                new ValidationError("/pipeline/2/size", "'10 seconds' is not a duration"),
                new ValidationError("", "a stream definition must be a JSON object"))));
        assertThat(invalid).extracting(Reply::status, Reply::code).containsExactly(422, "INVALID_DEFINITION");
        assertThat(invalid.body().path("detail").asText()).isEqualTo("The stream definition has 2 errors; see errors");
        assertThat(invalid.body().path("errors").toString()).isEqualTo("["
                + "{\"pointer\":\"/pipeline/2/size\",\"message\":\"'10 seconds' is not a duration\"},"
                + "{\"pointer\":\"\",\"message\":\"a stream definition must be a JSON object\"}]");
    }

    @Test
    void aStreamBeyondTheLimitIsAConflictThatNamesTheSetting() {
        Reply refused = failing(new StreamLimitReachedException(100,
                "the cluster holds 100 streams, the most that max.streams allows (100)"));

        assertThat(refused).extracting(Reply::status, Reply::code).containsExactly(409, "STREAM_LIMIT_REACHED");
        assertThat(refused.body().path("title").asText()).isEqualTo("Stream limit reached");
        assertThat(refused.body().path("detail").asText()).contains("max.streams");
    }

    @Test
    void mapsEveryStormCodeToItsStatusAndKeepsTheCode() {
        Map<String, Integer> statuses = Map.of(
                StormException.UNKNOWN_TOPOLOGY, 404,
                StormException.ALREADY_ALIVE, 409,
                StormException.INVALID_TOPOLOGY, 422,
                StormException.INVALID_REQUEST, 422,
                StormException.NIMBUS_UNAVAILABLE, 503,
                StormException.INTERRUPTED, 503,
                StormException.NOT_AUTHORIZED, 502,
                StormException.STORM_ERROR, 502,
                "SOMETHING_NEW", 502);
        statuses.forEach((code, status) -> {
            Reply reply = failing(new StormException(code, "Nimbus refused to kill topology t: no"));

            assertThat(reply).as(code).extracting(Reply::status, Reply::code).containsExactly(status, code);
            assertThat(reply.body().path("detail").asText()).as(code).isEqualTo("Nimbus refused to kill topology t: no");
        });
    }

    @Test
    void aStormDetailNamesNoJavaTypeAndStaysReadable() {
        Reply reply = failing(new StormException(StormException.STORM_ERROR, "Nimbus refused to submit: "
                + "org.apache.storm.thrift.TApplicationException: Internal error\tat "
                + "org.apache.storm.generated.Nimbus$Client.recv_submitTopology " + "x".repeat(5_000)));

        String detail = reply.body().path("detail").asText();
        assertThat(detail).startsWith("Nimbus refused to submit: TApplicationException: Internal error at "
                + "Nimbus.Client.recv_submitTopology x");
        assertThat(detail).doesNotContain("org.apache", "$", "\t").hasSizeLessThanOrEqualTo(StormDetails.MAX_LENGTH + 1);
    }

    @Test
    void mapsTheSagaExceptionsToStableCodes() {
        assertThat(failing(new SagaNotFoundException("s-1")))
                .extracting(Reply::status, Reply::code).containsExactly(404, "SAGA_NOT_FOUND");
        assertThat(failing(new SagaDefinitionNotFoundException("order")))
                .extracting(Reply::status, Reply::code).containsExactly(404, "SAGA_DEFINITION_NOT_FOUND");
        assertThat(failing(new SagaDefinitionExistsException("order")))
                .extracting(Reply::status, Reply::code).containsExactly(409, "SAGA_DEFINITION_EXISTS");
        assertThat(failing(new MalformedSagaDefinitionException("not valid JSON: Unexpected end-of-input", null)))
                .extracting(Reply::status, Reply::code).containsExactly(400, "MALFORMED_JSON");

        Reply illegal = failing(new IllegalSagaStateException("s-1", SagaState.COMPLETED, "retry",
                "only a saga in FAILED_TO_COMPENSATE can be retried"));
        assertThat(illegal).extracting(Reply::status, Reply::code).containsExactly(409, "ILLEGAL_SAGA_STATE");
        assertThat(illegal.body().path("detail").asText()).isEqualTo("cannot retry saga 's-1' in state COMPLETED: "
                + "only a saga in FAILED_TO_COMPENSATE can be retried");

        Reply invalid = failing(new InvalidSagaDefinitionException(List.of(
                new ValidationError("/steps/1/parallel/0/participant", "'participant' is required"))));
        assertThat(invalid).extracting(Reply::status, Reply::code).containsExactly(422, "INVALID_SAGA_DEFINITION");
        assertThat(invalid.body().path("detail").asText()).isEqualTo("The saga definition has 1 error; see errors");
        assertThat(invalid.body().path("errors").toString()).isEqualTo(
                "[{\"pointer\":\"/steps/1/parallel/0/participant\",\"message\":\"'participant' is required\"}]");
    }

    @Test
    void keepsTheExistingMappings() {
        assertThat(failing(new KafkaAdminException("TOPIC_EXISTS", "exists", null)))
                .extracting(Reply::status, Reply::code).containsExactly(409, "TOPIC_EXISTS");
        assertThat(failing(new ApiException(404, "UNKNOWN_TOPIC", "Unknown topic", "none")))
                .extracting(Reply::status, Reply::code).containsExactly(404, "UNKNOWN_TOPIC");

        Reply unexpected = failing(new IllegalStateException("secret internals"));
        assertThat(unexpected).extracting(Reply::status, Reply::code).containsExactly(500, "INTERNAL_ERROR");
        assertThat(unexpected.body().path("detail").asText()).doesNotContain("secret").contains("incident");
    }
}
