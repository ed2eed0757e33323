package org.hyperiot.streaming.engine.internal.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.RecordFormatException;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.engine.internal.pipeline.Downstream;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;
import org.hyperiot.streaming.engine.internal.window.WindowStage;

/**
 * Runs a micro-batch operator by operator: every record of the batch goes through the first
 * operator, then every survivor through the second, and so on, with the window last. Each record
 * carries the watermark it saw on arrival, and the window is advanced to that watermark just before
 * the record reaches it, which is exactly when native mode advances it. So both modes accept, reject
 * and publish the same records in the same order; only the moments at which output leaves differ.
 *
 * <p>A record that fails in any operator loses every output it would have produced; dead letters go
 * out at the end of the batch, in input order.
 */
public final class BatchExecution {

    /**
     * Decodes a record, reads its event time and updates the watermarks, without moving the window;
     * {@code null} for a progress marker, which only moves the watermarks.
     */
    @FunctionalInterface
    public interface Admission {
        StreamRecord admit(SourceRecord record);
    }

    private record Element(int input, SourceRecord source, long watermark, StreamRecord record) {
    }

    private record Failure(int input, SourceRecord source, Throwable error) {
    }

    private final List<RecordTransform> transforms;
    private final WindowStage window;
    private final OutputRouter router;
    private final TaskTime time;
    private final LongSupplier trackerWatermark;

    public BatchExecution(List<RecordTransform> transforms, WindowStage window, OutputRouter router, TaskTime time,
                          LongSupplier trackerWatermark) {
        this.transforms = transforms;
        this.window = window;
        this.router = router;
        this.time = time;
        this.trackerWatermark = trackerWatermark;
    }

    /**
     * Processes a batch.
     *
     * @throws StreamProcessingException at the first failure when the stream has no dead-letter topic
     */
    public void run(List<SourceRecord> batch, Admission admission) {
        boolean[] failed = new boolean[batch.size()];
        List<Failure> failures = new ArrayList<>();
        List<Element> elements = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SourceRecord source = batch.get(i);
            try {
                StreamRecord record = admission.admit(source);
                if (record != null) {
                    elements.add(new Element(i, source, trackerWatermark.getAsLong(), record));
                }
            } catch (RecordFormatException e) {
                fail(new Failure(i, source, e), failed, failures);
            }
        }
        for (RecordTransform transform : transforms) {
            elements = applyToAll(transform, elements, failed, failures);
        }
        if (window != null) {
            runWindow(elements, failed, failures);
        } else {
            for (Element element : elements) {
                // Held and released per input, so that a routing task knows which source record each came from.
                router.begin(element.source());
                router.result(element.record());
                router.commit();
            }
        }
        failures.sort(Comparator.comparingInt(Failure::input));
        for (Failure failure : failures) {
            router.deadLetter(failure.source(), failure.error());
        }
    }

    private List<Element> applyToAll(RecordTransform transform, List<Element> elements, boolean[] failed,
                                     List<Failure> failures) {
        List<Element> next = new ArrayList<>(elements.size());
        Element[] current = new Element[1];
        Downstream collect = record -> {
            Element from = current[0];
            next.add(new Element(from.input(), from.source(), from.watermark(), record));
        };
        for (Element element : elements) {
            if (failed[element.input()]) {
                continue;
            }
            current[0] = element;
            time.setWatermark(element.watermark());
            try {
                transform.apply(element.record(), collect);
            } catch (Exception e) {
                // Elements of one input are adjacent, so this drops everything the input produced at
                // this operator, including the output of its earlier fan-out records.
                while (next.size() > 0 && next.get(next.size() - 1).input() == element.input()) {
                    next.remove(next.size() - 1);
                }
                fail(new Failure(element.input(), element.source(), e), failed, failures);
            }
        }
        return next;
    }

    private void runWindow(List<Element> elements, boolean[] failed, List<Failure> failures) {
        int holding = -1;
        for (Element element : elements) {
            if (failed[element.input()]) {
                continue;
            }
            if (element.input() != holding) {
                if (holding >= 0) {
                    router.commit();
                }
                time.setWatermark(element.watermark());
                window.advanceTo(element.watermark(), router);
                router.begin(element.source());
                holding = element.input();
            }
            try {
                window.process(element.record(), router);
            } catch (RuntimeException e) {
                router.abort();
                holding = -1;
                fail(new Failure(element.input(), element.source(), e), failed, failures);
            }
        }
        if (holding >= 0) {
            router.commit();
        }
        long finalWatermark = trackerWatermark.getAsLong();
        time.setWatermark(finalWatermark);
        window.advanceTo(finalWatermark, router);
    }

    private void fail(Failure failure, boolean[] failed, List<Failure> failures) {
        failed[failure.input()] = true;
        if (!router.hasDeadLetterOutput()) {
            throw new StreamProcessingException(failure.source(), failure.error());
        }
        failures.add(failure);
    }
}
