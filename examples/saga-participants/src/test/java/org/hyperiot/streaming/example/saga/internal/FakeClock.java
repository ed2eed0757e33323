package org.hyperiot.streaming.example.saga.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when a participant waits on it, and remembers every wait. */
final class FakeClock implements ParticipantClock {

    private Instant now;
    final List<Duration> sleeps = new ArrayList<>();

    FakeClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }
}
