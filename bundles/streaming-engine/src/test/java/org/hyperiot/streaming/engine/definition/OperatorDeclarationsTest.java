package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.definition.ExtensionReference.Kind;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;
import org.hyperiot.streaming.engine.internal.operator.OperatorDeclaration;
import org.junit.jupiter.api.Test;

/** Each operator is declared once, and what other bundles ask of a definition comes from the declarations. */
class OperatorDeclarationsTest {

    private static final StreamDefinition USES_EXTENSIONS = StreamDefinition.builder("x").source("in")
            .processor("enrich", Map.of("k", 1))
            .filter(Condition.eq("a", 1))
            .processor("scrub")
            .keyBy("d")
            .processor("enrich")
            .window(WindowOperator.tumbling(Duration.ofSeconds(1)).count("n")
                    .aggregate(AggregateSpec.custom("p95", "t", "p"))
                    .aggregate(AggregateSpec.custom("distinct", "t", "d")))
            .sink("out").build();

    @Test
    void everyOperatorOfTheModelHasOneDeclarationUnderItsJsonName() {
        Class<?>[] operatorTypes = Operator.class.getPermittedSubclasses();

        assertThat(DeclaredOperators.all()).extracting(d -> (Object) d.type())
                .containsExactlyInAnyOrder((Object[]) operatorTypes);
        for (OperatorDeclaration<?> declaration : DeclaredOperators.all()) {
            assertThat(DeclaredOperators.byName(declaration.name())).isSameAs(declaration);
        }
        assertThat(OperatorDeclarations.names())
                .containsExactly("filter", "project", "set", "rename", "keyBy", "processor", "window");
        assertThat(DeclaredOperators.of(new KeyByOperator("k")).name()).isEqualTo(new KeyByOperator("k").op());
    }

    @Test
    void listsEveryProcessorAndAggregatorWithThePointerOfItsName() {
        assertThat(OperatorDeclarations.references(USES_EXTENSIONS)).containsExactly(
                new ExtensionReference("/pipeline/0/name", Kind.PROCESSOR, "enrich"),
                new ExtensionReference("/pipeline/2/name", Kind.PROCESSOR, "scrub"),
                new ExtensionReference("/pipeline/4/name", Kind.PROCESSOR, "enrich"),
                new ExtensionReference("/pipeline/5/aggregate/1/name", Kind.AGGREGATOR, "p95"),
                new ExtensionReference("/pipeline/5/aggregate/2/name", Kind.AGGREGATOR, "distinct"));
        assertThat(OperatorDeclarations.referencedProcessors(USES_EXTENSIONS)).containsExactly("enrich", "scrub");
        assertThat(OperatorDeclarations.referencedAggregators(USES_EXTENSIONS)).containsExactly("p95", "distinct");
        assertThat(OperatorDeclarations.uses(USES_EXTENSIONS, "distinct")).isTrue();
        assertThat(OperatorDeclarations.uses(USES_EXTENSIONS, "celsius-to-kelvin")).isFalse();
    }

    @Test
    void theReferencesOfADefinitionReadFromJsonPointIntoTheDocument() {
        StreamDefinitionReader reader = new StreamDefinitionReader();
        StreamDefinition read = reader.read(new StreamDefinitionWriter().write(USES_EXTENSIONS));

        assertThat(OperatorDeclarations.references(read)).isEqualTo(OperatorDeclarations.references(USES_EXTENSIONS));
        assertThat(OperatorDeclarations.references(StreamDefinition.builder("y").source("in").sink("out").build()))
                .isEmpty();
    }

    @Test
    void onlyTheWindowKeepsState() {
        List<Operator> pipeline = USES_EXTENSIONS.pipeline();

        assertThat(pipeline.stream().filter(OperatorDeclarations::keepsWindowState))
                .singleElement().isInstanceOf(WindowOperator.class);
        assertThat(Arrays.stream(Kind.values()).map(Kind::word)).containsExactly("processor", "aggregator");
    }
}
