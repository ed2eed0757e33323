package org.hyperiot.streaming.engine.properties;

import java.util.Map;

import org.hyperiot.streaming.engine.Json;

/** One input record of a property: a key, an event time and a numeric value. */
record Event(String key, long time, long value) {

    Map<String, Object> json() {
        return Json.object("t", time, "v", value);
    }
}
