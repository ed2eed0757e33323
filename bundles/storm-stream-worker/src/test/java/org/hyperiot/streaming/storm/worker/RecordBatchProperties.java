package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RecordBatchProperties {

    /** Whatever the records (null or empty keys, values and header values, any header keys, duplicates), they come back equal, in order. */
    @Property(tries = 300)
    void everyBatchDecodesToTheRecordsItWasEncodedFrom(@ForAll("batches") List<BatchRecord> records) {
        assertThat(RecordBatch.decode(RecordBatch.encode(records))).containsExactlyElementsOf(records);
    }

    @Provide
    Arbitrary<List<BatchRecord>> batches() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.2);
        Arbitrary<BatchRecord.Header> header = Combinators.combine(
                Arbitraries.strings().ofMaxLength(12).withCharRange('\u0000', '\uffff').filter(key -> !hasLoneSurrogate(key)),
                bytes).as(BatchRecord.Header::new);
        Arbitrary<BatchRecord> record = Combinators.combine(
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs(), bytes, bytes,
                header.list().ofMaxSize(4)).as(BatchRecord::new);
        return record.list().ofMaxSize(20);
    }

    /** Kafka writes header keys as UTF-8, in which a lone surrogate has no encoding. */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
