package org.hyperiot.streaming.kafka.internal.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PartitionAcknowledgementsPropertyTest {

    /** Delivered offsets (ascending, with gaps) and the order in which some of them are acknowledged. */
    record Scenario(List<Long> delivered, List<Long> acknowledgements) {
    }

    @Property(tries = 500)
    void theCommittableOffsetIsOnePastTheAcknowledgedPrefix(@ForAll("scenarios") Scenario scenario) {
        PartitionAcknowledgements partition = new PartitionAcknowledgements();
        scenario.delivered().forEach(partition::delivered);
        Set<Long> acknowledged = new TreeSet<>();
        for (long offset : scenario.acknowledgements()) {
            partition.acknowledge(offset);
            acknowledged.add(offset);
            assertThat(partition.uncommitted()).isEqualTo(prefixOracle(scenario.delivered(), acknowledged));
        }
    }

    private static OptionalLong prefixOracle(List<Long> delivered, Set<Long> acknowledged) {
        OptionalLong committable = OptionalLong.empty();
        for (long offset : delivered) {
            if (!acknowledged.contains(offset)) {
                break;
            }
            committable = OptionalLong.of(offset + 1);
        }
        return committable;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Long>> delivered = Arbitraries.longs().between(0, 200).set().ofMinSize(1).ofMaxSize(60)
                .map(offsets -> new ArrayList<>(new TreeSet<>(offsets)));
        // A random order of a random number of the delivered records, often all of them.
        return delivered.flatMap(offsets -> Combinators.combine(
                Arbitraries.shuffle(offsets),
                Arbitraries.integers().between(0, offsets.size()))
                .as((order, count) -> new Scenario(offsets, order.subList(0, count))));
    }
}
