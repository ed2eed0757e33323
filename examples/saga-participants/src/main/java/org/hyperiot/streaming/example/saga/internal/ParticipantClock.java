package org.hyperiot.streaming.example.saga.internal;

import java.time.Duration;
import java.time.Instant;

/** The time the participants read and wait on; a test gives them one it controls. */
interface ParticipantClock {

    /** The system clock and {@link Thread#sleep}. */
    ParticipantClock SYSTEM = new ParticipantClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    /** The current instant. */
    Instant now();

    /** Waits for the given time. */
    void sleep(Duration duration) throws InterruptedException;
}
