package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Holds README.md to the code: the definition it shows, and the saga inputs of its curl commands. */
class ReadmeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String readme() throws IOException {
        // Surefire runs in the module folder, where README.md lives.
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theDefinitionShownIsTheOneRegistered() throws IOException {
        String readme = readme();
        int section = readme.indexOf("## The saga");
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        int end = readme.indexOf("\n```", start);
        assertThat(section).as("README section").isNotNegative();

        assertThat(definition(JSON.readTree(readme.substring(start, end)))).isEqualTo(OrderSaga.definition());
    }

    @Test
    void everySagaInputOfTheCurlCommandsIsAnOrderExceptTheOneShownAsInvalid() throws IOException {
        Matcher body = Pattern.compile("-d '(\\{\"definition\".*?)' \\$API/sagas").matcher(readme());
        List<String> outcomes = new ArrayList<>();
        while (body.find()) {
            JsonNode request = JSON.readTree(body.group(1));
            assertThat(request.get("definition").asText()).isEqualTo("order");
            @SuppressWarnings("unchecked")
            Map<String, Object> input = JSON.convertValue(request.get("input"), Map.class);
            // Through a command, which normalises the data as the coordinator's commands do.
            SagaCommand command = Commands.action("reserve", "inventory", "reserve", input);
            try {
                OrderInput.from(command.data());
                outcomes.add("order " + input.get("orderId"));
            } catch (InvalidOrderInputException e) {
                outcomes.add("INVALID_INPUT " + e.getMessage());
            }
        }

        assertThat(outcomes).containsExactly("order o-17", "order o-18", "order o-19", "order o-20", "order o-21",
                "order o-22", "INVALID_INPUT \"orderId\" in the saga input must be a non-empty string, not 23");
    }

    /** The saga definition JSON of SPEC §8, read into the model, refusing members it does not know. */
    private static SagaDefinition definition(JsonNode json) {
        onlyMembers(json, "name", "timeout", "steps");
        SagaDefinition.Builder builder = SagaDefinition.builder(json.get("name").asText())
                .timeout(duration(json.get("timeout")));
        for (JsonNode stage : json.get("steps")) {
            if (stage.has("parallel")) {
                onlyMembers(stage, "parallel");
                List<SagaStep> steps = new ArrayList<>();
                stage.get("parallel").forEach(step -> steps.add(step(step)));
                builder.parallel(steps.toArray(SagaStep[]::new));
            } else {
                builder.step(step(stage));
            }
        }
        return builder.build();
    }

    private static SagaStep step(JsonNode json) {
        onlyMembers(json, "name", "participant", "action", "compensation", "timeout", "retry");
        return new SagaStep(json.get("name").asText(), json.get("participant").asText(), json.get("action").asText(),
                json.has("compensation") ? json.get("compensation").asText() : null,
                json.has("timeout") ? duration(json.get("timeout")) : null,
                json.has("retry") ? retry(json.get("retry")) : null);
    }

    private static RetryPolicy retry(JsonNode json) {
        onlyMembers(json, "initialInterval", "multiplier", "maxInterval", "maxAttempts");
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        return new RetryPolicy(
                json.has("initialInterval") ? duration(json.get("initialInterval")) : defaults.initialInterval(),
                json.has("multiplier") ? json.get("multiplier").asDouble() : defaults.multiplier(),
                json.has("maxInterval") ? duration(json.get("maxInterval")) : defaults.maxInterval(),
                json.has("maxAttempts") ? json.get("maxAttempts").asInt() : defaults.maxAttempts(), Set.of());
    }

    private static Duration duration(JsonNode json) {
        Matcher matcher = Pattern.compile("([0-9]+)(ms|s|m|h)").matcher(json.asText());
        assertThat(matcher.matches()).as("duration " + json).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static void onlyMembers(JsonNode json, String... known) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            assertThat(names.next()).isIn((Object[]) known);
        }
    }
}
