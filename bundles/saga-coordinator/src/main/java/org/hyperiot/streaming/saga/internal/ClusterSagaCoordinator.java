package org.hyperiot.streaming.saga.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaNotFoundException;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.StartedSaga;
import org.hyperiot.streaming.saga.internal.machine.SagaData;
import org.hyperiot.streaming.saga.internal.view.SagaLogView;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEventCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;

/**
 * The {@link org.hyperiot.streaming.api.saga.SagaCoordinator} requests as any node serves them: requests become events on the events topic, keyed by saga
 * id, for whichever node owns the saga's partition; answers come from this node's view of the saga
 * log. A saga started with an idempotency key gets an id derived from the key, so the same key on any
 * node names the same saga and its owner starts it once.
 */
public final class ClusterSagaCoordinator {

    private static final int MAX_KEY_LENGTH = 200;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final SagaDefinitionRegistry definitions;
    private final SagaLogView view;
    private final SagaTopicSetup topics;
    private final Producer<String, byte[]> producer;
    private final Duration startTimeout;
    private final CoordinatorEventCodec codec = new CoordinatorEventCodec();

    public ClusterSagaCoordinator(SagaDefinitionRegistry definitions, SagaLogView view, SagaTopicSetup topics,
            Producer<String, byte[]> producer, Duration startTimeout) {
        this.definitions = definitions;
        this.view = view;
        this.topics = topics;
        this.producer = producer;
        this.startTimeout = startTimeout;
    }

    public StartedSaga start(String definitionName, Map<String, Object> input, String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("an idempotency key has 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces, as an HTTP header can carry it");
        }
        SagaDefinition definition = definitions.get(definitionName);
        Map<String, Object> data = SagaData.copyOf(input);
        String sagaId = idempotencyKey == null ? UUID.randomUUID().toString() : idFromKey(idempotencyKey);
        if (idempotencyKey != null) {
            var existing = view.get(sagaId);
            if (existing.isPresent()) {
                return new StartedSaga(existing.get().saga().info(), false);
            }
        }
        String requestId = UUID.randomUUID().toString();
        send(sagaId, new CoordinatorEvent.Start(requestId, definition, data));
        SagaLogRecord record = awaitSaga(sagaId);
        return new StartedSaga(record.saga().info(), requestId.equals(record.startRequestId()));
    }

    public SagaInfo get(String sagaId) {
        return record(sagaId).saga().info();
    }

    public SagaPage list(SagaFilter filter, String pageToken, int limit) {
        return view.list(filter == null ? SagaFilter.all() : filter, pageToken, limit);
    }

    public void cancel(String sagaId) {
        request(sagaId, CoordinatorEvent.Verb.CANCEL, SagaState.RUNNING, "only a RUNNING saga can be cancelled");
    }

    public void retry(String sagaId) {
        request(sagaId, CoordinatorEvent.Verb.RETRY, SagaState.FAILED_TO_COMPENSATE,
                "only a saga that FAILED_TO_COMPENSATE can be retried");
    }

    public void skip(String sagaId) {
        request(sagaId, CoordinatorEvent.Verb.SKIP, SagaState.FAILED_TO_COMPENSATE,
                "only a saga that FAILED_TO_COMPENSATE can have its failed compensations skipped");
    }

    /** The saga id a key names: the same on every node, and unrelated to any random id. */
    static String idFromKey(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("hyperiot-saga-idempotency-key:" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void request(String sagaId, CoordinatorEvent.Verb verb, SagaState required, String rule) {
        SagaState state = record(sagaId).saga().state();
        if (state != required) {
            throw new IllegalSagaStateException(sagaId, state, verb.name().toLowerCase(java.util.Locale.ROOT), rule);
        }
        send(sagaId, new CoordinatorEvent.Operator(verb, UUID.randomUUID().toString()));
    }

    private SagaLogRecord record(String sagaId) {
        return view.get(sagaId).orElseThrow(() -> new SagaNotFoundException(sagaId));
    }

    private SagaLogRecord awaitSaga(String sagaId) {
        try {
            if (view.await(sagaId, startTimeout)) {
                return view.get(sagaId).orElseThrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingException("interrupted while waiting for saga '" + sagaId + "' to start", e);
        }
        throw new StreamingException("saga '" + sagaId + "' was requested but did not appear in the saga log within "
                + startTimeout.toMillis() + " ms; it starts once a coordinator is running (GET /sagas/" + sagaId + ")");
    }

    private void send(String sagaId, CoordinatorEvent event) {
        // A send to a topic that does not exist yet could make the broker create it with its defaults.
        topics.ensureCoordinatorTopics();
        try {
            producer.send(new ProducerRecord<>(SagaTopics.EVENTS, sagaId, codec.encode(event)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamingException("interrupted while sending a request for saga '" + sagaId + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StreamingException("the request for saga '" + sagaId + "' could not be sent to Kafka: " + cause, cause);
        }
    }
}
