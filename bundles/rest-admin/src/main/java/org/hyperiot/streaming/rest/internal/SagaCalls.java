package org.hyperiot.streaming.rest.internal;

import java.util.function.Supplier;

import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.hyperiot.streaming.api.saga.SagaDefinitionExistsException;
import org.hyperiot.streaming.api.saga.SagaDefinitionNotFoundException;
import org.hyperiot.streaming.api.saga.SagaNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls into the saga services. Their documented refusals pass through to {@link ProblemMapper},
 * which gives each its status and code; any other {@link StreamingException} is the coordinator
 * failing a valid request (its saga log unreachable, say), a 502 {@code SAGA_COORDINATOR_ERROR}
 * rather than the stream runtime's 502 that the mapper gives an unknown streaming failure.
 */
final class SagaCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SagaCalls.class);

    private SagaCalls() {
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SagaNotFoundException | SagaDefinitionNotFoundException | SagaDefinitionExistsException
                | InvalidSagaDefinitionException | MalformedSagaDefinitionException | IllegalSagaStateException e) {
            throw e;
        } catch (StreamingException e) {
            LOG.warn("The saga coordinator failed a request", e);
            throw new ApiException(502, "SAGA_COORDINATOR_ERROR", "The saga coordinator failed", e.getMessage());
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** 503 {@code SAGA_UNAVAILABLE}: no saga coordinator on this node. */
    static ApiException unavailable() {
        return new ApiException(503, "SAGA_UNAVAILABLE", "Sagas unavailable",
                "The saga coordinator is not running on this node; install the feature hyperiot-streaming-saga");
    }
}
