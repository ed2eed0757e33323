package org.hyperiot.streaming.rest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionExistsException;
import org.hyperiot.streaming.api.saga.SagaDefinitionNotFoundException;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;
import org.hyperiot.streaming.api.saga.SagaStage;
import org.hyperiot.streaming.api.saga.SagaStep;

/**
 * Saga definitions in a map, with a few of the coordinator's rules (names, at least one step, unique
 * step names), every call recorded in {@link #calls} so that tests can check that nothing reached the
 * registry when the edge refused a request. {@link #failure} makes the next call fail.
 */
public final class InMemorySagaDefinitionRegistry implements SagaDefinitionRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** The SPEC §8 example. */
    public static final SagaDefinition ORDER = SagaDefinition.builder("order")
            .timeout(Duration.ofMinutes(5))
            .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release")
                    .withTimeout(Duration.ofSeconds(10)))
            .parallel(SagaStep.of("charge", "payments", "charge").withCompensation("refund"),
                    SagaStep.of("notify", "mailer", "confirm"))
            .step("ship", "shipping", "ship", "cancel-shipment")
            .build();

    private final Map<String, SagaDefinition> definitions = new TreeMap<>();

    /** Every call, as {@code "<method> <name>"}. */
    public final List<String> calls = new ArrayList<>();
    /** When set, the next call fails with it. */
    public RuntimeException failure;
    /** A rule only the registry knows, broken by every definition while set (create, update and validate). */
    public ValidationError extraRule;

    /** Stores a definition without recording a call, as another node would have. */
    public InMemorySagaDefinitionRegistry existing(SagaDefinition definition) {
        definitions.put(definition.name(), definition);
        return this;
    }

    @Override
    public List<SagaDefinition> list() {
        record("list");
        return List.copyOf(definitions.values());
    }

    @Override
    public SagaDefinition get(String name) {
        record("get " + name);
        return find(name);
    }

    @Override
    public SagaDefinition create(SagaDefinition definition) {
        record("create " + definition.name());
        check(definition);
        if (definitions.containsKey(definition.name())) {
            throw new SagaDefinitionExistsException(definition.name());
        }
        definitions.put(definition.name(), definition);
        return definition;
    }

    @Override
    public SagaDefinition update(SagaDefinition definition) {
        record("update " + definition.name());
        check(definition);
        find(definition.name());
        definitions.put(definition.name(), definition);
        return definition;
    }

    @Override
    public void delete(String name) {
        record("delete " + name);
        find(name);
        definitions.remove(name);
    }

    @Override
    public List<ValidationError> validate(SagaDefinition definition) {
        record("validate " + definition.name());
        List<ValidationError> errors = new ArrayList<>(rules(definition));
        if (extraRule != null) {
            errors.add(extraRule);
        }
        return errors;
    }

    /** The rules this fake knows, each with the pointer the coordinator would give. */
    static List<ValidationError> rules(SagaDefinition definition) {
        List<ValidationError> errors = new ArrayList<>();
        if (definition.name() == null || !NAME.matcher(definition.name()).matches()) {
            errors.add(new ValidationError("/name", "a saga name matches ^[a-z0-9][a-z0-9._-]{0,62}$"));
        }
        if (definition.stages().isEmpty()) {
            errors.add(new ValidationError("/steps", "a saga has at least one step"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < definition.stages().size(); i++) {
            SagaStage stage = definition.stages().get(i);
            List<SagaStep> steps = stage.steps();
            for (int j = 0; j < steps.size(); j++) {
                String pointer = stage instanceof ParallelGroup ? "/steps/" + i + "/parallel/" + j : "/steps/" + i;
                if (!names.add(steps.get(j).name())) {
                    errors.add(new ValidationError(pointer + "/name", "step '" + steps.get(j).name()
                            + "' is named twice"));
                }
            }
        }
        return errors;
    }

    private void check(SagaDefinition definition) {
        List<ValidationError> errors = new ArrayList<>(rules(definition));
        if (extraRule != null) {
            errors.add(extraRule);
        }
        if (!errors.isEmpty()) {
            throw new InvalidSagaDefinitionException(errors);
        }
    }

    /** The definition, as the coordinator looks it up to start a saga; not recorded as a call. */
    public SagaDefinition find(String name) {
        SagaDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new SagaDefinitionNotFoundException(name);
        }
        return definition;
    }

    private void record(String call) {
        RuntimeException pending = failure;
        if (pending != null) {
            failure = null;
            throw pending;
        }
        calls.add(call);
    }
}
