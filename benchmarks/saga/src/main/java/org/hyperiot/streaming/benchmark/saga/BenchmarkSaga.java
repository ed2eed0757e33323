package org.hyperiot.streaming.benchmark.saga;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The saga both contestants run: three steps one after the other, each with a compensation, carried
 * out by the no-op participants of {@code ...saga.participant} on the node and by the raw loop's own.
 * One place for the steps, so that the definition posted to the node and the raw loop's hard-coded
 * steps cannot drift apart.
 */
public final class BenchmarkSaga {

    /** The definition's name on the node. */
    public static final String NAME = "saga-bench";
    /** The saga's time limit, on both sides. */
    public static final String TIMEOUT = "5m";
    public static final long TIMEOUT_MS = 5 * 60_000L;

    /** One step: its name, the participant that runs it, its action and its compensation. */
    public record Step(String name, String participant, String action, String compensation) {

        /** {@code name:participant:action:compensation}, as the raw loop's command line takes it. */
        public String argument() {
            return name + ":" + participant + ":" + action + ":" + compensation;
        }

        public static Step parse(String argument) {
            String[] parts = argument.split(":");
            if (parts.length != 4) {
                throw new IllegalArgumentException("a step is name:participant:action:compensation, not " + argument);
            }
            return new Step(parts[0], parts[1], parts[2], parts[3]);
        }
    }

    public static final List<Step> STEPS = List.of(
            new Step("reserve", "bench-inventory", "reserve", "release"),
            new Step("charge", "bench-payments", "charge", "refund"),
            new Step("ship", "bench-shipping", "ship", "cancel-shipment"));

    private BenchmarkSaga() {
    }

    /** The participants, in step order. */
    public static List<String> participants() {
        return STEPS.stream().map(Step::participant).toList();
    }

    /** The definition in the JSON of SPEC §8, as {@code POST /saga-definitions} takes it. */
    public static ObjectNode definition(ObjectMapper json) {
        ObjectNode definition = json.createObjectNode().put("name", NAME).put("timeout", TIMEOUT);
        ArrayNode steps = definition.putArray("steps");
        for (Step step : STEPS) {
            steps.addObject().put("name", step.name()).put("participant", step.participant())
                    .put("action", step.action()).put("compensation", step.compensation());
        }
        return definition;
    }

    /** The input of saga number {@code index}: the same small order for both contestants. */
    public static ObjectNode input(ObjectMapper json, long index) {
        return json.createObjectNode().put("orderId", "o-" + index).put("amount", 25);
    }
}
