package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.junit.jupiter.api.Test;

class TopologyExtensionsTest {

    /** A portable processor: only the streaming API, a public no-argument constructor. */
    public static final class Upper implements StreamProcessor {
        @Override
        public void process(StreamRecord record, RecordCollector out) {
            out.emit(record);
        }
    }

    @Test
    void theProcessorsTheConfigurationNamesAreMadeFreshForEachTask() {
        ProcessorRegistry registry = TopologyExtensions.registry(Map.of(StreamTopologyConfig.PROCESSORS,
                Map.of("upper", Upper.class.getName())), getClass().getClassLoader());

        assertThat(registry.processor("upper")).get().isInstanceOf(Upper.class);
        assertThat(registry.processor("upper").get()).isNotSameAs(registry.processor("upper").get());
        assertThat(registry.processor("lower")).isEmpty();
        assertThat(TopologyExtensions.registry(Map.of(), getClass().getClassLoader()).processor("upper")).isEmpty();
    }

    @Test
    void aClassThatIsMissingOrNotAProcessorIsReportedAtOnce() {
        assertThatThrownBy(() -> TopologyExtensions.registry(Map.of(StreamTopologyConfig.PROCESSORS,
                Map.of("upper", "org.example.Missing")), getClass().getClassLoader()))
                .hasMessageContaining("org.example.Missing");
        assertThatThrownBy(() -> TopologyExtensions.registry(Map.of(StreamTopologyConfig.PROCESSORS,
                Map.of("upper", String.class.getName())), getClass().getClassLoader()))
                .hasMessageContaining("not a StreamProcessor");
    }
}
