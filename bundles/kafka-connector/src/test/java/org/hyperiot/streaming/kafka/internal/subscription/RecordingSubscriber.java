package org.hyperiot.streaming.kafka.internal.subscription;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;
import org.opentest4j.AssertionFailedError;

/** A subscriber that requests nothing by itself and records every signal it gets. */
final class RecordingSubscriber implements Flow.Subscriber<AcknowledgeableRecord<byte[], byte[]>> {

    final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    final BlockingQueue<AcknowledgeableRecord<byte[], byte[]>> received = new LinkedBlockingQueue<>();
    volatile boolean completed;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
    }

    @Override
    public void onNext(AcknowledgeableRecord<byte[], byte[]> item) {
        received.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        error.complete(throwable);
    }

    @Override
    public void onComplete() {
        completed = true;
    }

    Flow.Subscription subscription() throws Exception {
        return subscription.get(5, TimeUnit.SECONDS);
    }

    AcknowledgeableRecord<byte[], byte[]> next() throws InterruptedException {
        AcknowledgeableRecord<byte[], byte[]> record = received.poll(10, TimeUnit.SECONDS);
        if (record == null) {
            throw new AssertionFailedError("no record delivered within 10 s");
        }
        return record;
    }

    Throwable awaitError() throws Exception {
        return error.get(10, TimeUnit.SECONDS);
    }
}
