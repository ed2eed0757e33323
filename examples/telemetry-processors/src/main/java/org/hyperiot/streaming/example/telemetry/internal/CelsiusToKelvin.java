package org.hyperiot.streaming.example.telemetry.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.api.StreamRecord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * Converts a temperature member of a JSON record from degrees Celsius to Kelvin.
 *
 * <p>Configuration (the {@code config} object of the pipeline operator):
 * <ul>
 *   <li>{@code field}: the top-level member holding degrees Celsius; {@code temp} by default;</li>
 *   <li>{@code target}: where to write Kelvin; by default the value replaces {@code field}, with a
 *       target the Celsius value is kept.</li>
 * </ul>
 * A record without the member (or with {@code null}) passes unchanged. A value that is not a number,
 * or is below absolute zero, makes {@link #process} throw, so the stream dead-letters the record.
 */
@Component(service = StreamProcessor.class, scope = ServiceScope.PROTOTYPE,
        property = StreamProcessor.NAME_PROPERTY + "=" + CelsiusToKelvin.NAME)
public class CelsiusToKelvin implements StreamProcessor {

    /** The name stream definitions use: {@code {"op": "processor", "name": "celsius-to-kelvin"}}. */
    public static final String NAME = "celsius-to-kelvin";

    private static final Set<String> CONFIG_KEYS = Set.of("field", "target");
    private static final double ZERO_CELSIUS_IN_KELVIN = 273.15;

    private String field;
    private String target;

    @Override
    public void open(Map<String, Object> config, ProcessorContext context) {
        for (String key : config.keySet()) {
            if (!CONFIG_KEYS.contains(key)) {
                throw new IllegalArgumentException(NAME + ": unknown config key '" + key + "' (expected "
                        + String.join(", ", CONFIG_KEYS.stream().sorted().toList()) + ")");
            }
        }
        field = fieldName(config, "field", "temp");
        target = fieldName(config, "target", field);
    }

    private static String fieldName(Map<String, Object> config, String key, String fallback) {
        Object value = config.getOrDefault(key, fallback);
        if (!(value instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(NAME + ": config '" + key + "' must be a non-empty string, got "
                    + value);
        }
        return name;
    }

    @Override
    public void process(StreamRecord record, RecordCollector out) {
        if (!(record.value() instanceof Map<?, ?> value)) {
            throw new IllegalArgumentException(NAME + ": expects a JSON object value, got "
                    + (record.value() == null ? "null" : record.value().getClass().getSimpleName()));
        }
        Object reading = value.get(field);
        if (reading == null) {
            out.emit(record);
            return;
        }
        if (!(reading instanceof Number celsius)) {
            throw new IllegalArgumentException(NAME + ": '" + field + "' is not a number: " + quoted(reading));
        }
        double kelvin = celsius.doubleValue() + ZERO_CELSIUS_IN_KELVIN;
        if (kelvin < 0) {
            throw new IllegalArgumentException(NAME + ": '" + field + "' is below absolute zero: " + celsius);
        }
        // The received value is shared with other operators, so the result is a new map.
        Map<String, Object> converted = new LinkedHashMap<>();
        value.forEach((k, v) -> converted.put(String.valueOf(k), v));
        converted.put(target, kelvin);
        out.emit(record.withValue(converted));
    }

    private static Object quoted(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : value;
    }
}
