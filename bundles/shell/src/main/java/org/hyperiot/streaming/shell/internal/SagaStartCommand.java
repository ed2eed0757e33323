package org.hyperiot.streaming.shell.internal;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.StartedSaga;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code saga:start}: starts a saga of a definition, like {@code POST /streaming/api/v1/sagas}, with
 * the same idempotency key rule, so that a key used here and there means the same saga.
 */
@Service
@Command(scope = "saga", name = "start", description = "Starts a saga of the named definition with an optional JSON object as its input; with --key, starting again with the same key starts nothing and shows the saga the first start began.")
public class SagaStartCommand implements Action {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Reference(optional = true)
    SagaCoordinator sagas;

    @Argument(index = 0, name = "definition", description = "The saga definition to run.", required = true)
    @Completion(SagaDefinitionNameCompleter.class)
    String definition;

    @Option(name = "--input", aliases = "-i", description = "The saga's initial data, a JSON object such as {\"orderId\":\"o-1\"} (quote it for the shell).")
    String input;

    @Option(name = "--key", aliases = "-k", description = "An idempotency key: 1 to 200 printable ASCII characters without spaces.")
    String key;

    @Override
    public Object execute() {
        if (sagas == null) {
            SagaCommandOutput.notInstalled();
            return null;
        }
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            System.err.println("--key is 1 to 200 printable ASCII characters without spaces");
            return null;
        }
        Map<String, Object> data;
        try {
            data = input == null ? null : object(input);
        } catch (IllegalArgumentException e) {
            System.err.println("--input " + e.getMessage());
            return null;
        }
        StartedSaga started;
        try {
            started = sagas.start(definition, data, key);
        } catch (StreamingException e) {
            SagaCommandOutput.refused(e);
            return null;
        } catch (IllegalArgumentException e) {
            System.err.println("Not started: " + e.getMessage());
            return null;
        }
        String id = started.saga().id();
        if (started.created()) {
            System.out.println("Started saga " + id + " of " + started.saga().definition() + ", state "
                    + started.saga().state());
        } else {
            System.out.println("Not started again: saga " + id + " was started earlier with key " + key + ", state "
                    + started.saga().state());
        }
        return null;
    }

    /** The text as a JSON object, or an explanation of why it is not one. */
    static Map<String, Object> object(String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("must be a JSON object, such as {\"orderId\":\"o-1\"}");
        }
        return JSON.convertValue(tree, new TypeReference<Map<String, Object>>() { });
    }
}
