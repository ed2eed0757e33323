package org.hyperiot.streaming.engine.internal.window;

import java.util.Comparator;

/**
 * When a window next needs attention: at its end to publish it (on-close), or at end + allowed
 * lateness to purge it.
 */
record Timer(long time, WindowId window) {

    static final Comparator<Timer> ORDER = Comparator.comparingLong(Timer::time)
            .thenComparing(Timer::window, WindowId.ORDER);
}
