package org.hyperiot.streaming.example.telemetry.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.api.StreamRecord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * Turns readings beyond a threshold into alert records and drops every other record.
 *
 * <p>Configuration (the {@code config} object of the pipeline operator):
 * <ul>
 *   <li>{@code field} (required): the top-level numeric member to watch;</li>
 *   <li>{@code above} and/or {@code below} (at least one): a reading strictly greater than
 *       {@code above} or strictly less than {@code below} raises an alert; with both,
 *       {@code below} must be less than {@code above};</li>
 *   <li>{@code severity}: copied into the alert, {@code warning} by default;</li>
 *   <li>{@code include}: members copied from the reading into the alert when present,
 *       {@code ["deviceId"]} by default.</li>
 * </ul>
 * An unusable configuration makes {@link #open} throw, so the task does not start.
 *
 * <p>An alert is {@code {<include…>, "field", "value", "threshold", "crossed": "above"|"below",
 * "severity", "ts"}}, with the reading's key and timestamp; {@code ts} is the reading's event time.
 * Every reading beyond the threshold raises an alert: suppressing repeats would need per-device state,
 * which belongs in a window, not in a processor. A reading without the member passes no alert; one whose
 * member is not a number makes {@link #process} throw, so the stream dead-letters it.
 */
@Component(service = StreamProcessor.class, scope = ServiceScope.PROTOTYPE,
        property = StreamProcessor.NAME_PROPERTY + "=" + ThresholdAlert.NAME)
public class ThresholdAlert implements StreamProcessor {

    /** The name stream definitions use: {@code {"op": "processor", "name": "threshold-alert"}}. */
    public static final String NAME = "threshold-alert";

    private static final Set<String> CONFIG_KEYS = Set.of("field", "above", "below", "severity", "include");

    private String field;
    private Number above;
    private Number below;
    private String severity;
    private List<String> include;

    @Override
    public void open(Map<String, Object> config, ProcessorContext context) {
        for (String key : config.keySet()) {
            if (!CONFIG_KEYS.contains(key)) {
                throw invalid("unknown config key '" + key + "' (expected "
                        + String.join(", ", CONFIG_KEYS.stream().sorted().toList()) + ")");
            }
        }
        if (!(config.get("field") instanceof String name) || name.isBlank()) {
            throw invalid("config 'field' is required and must be a non-empty string, got " + config.get("field"));
        }
        field = name;
        above = bound(config, "above");
        below = bound(config, "below");
        if (above == null && below == null) {
            throw invalid("config needs 'above' or 'below' (or both) for field '" + field + "'");
        }
        if (above != null && below != null && below.doubleValue() >= above.doubleValue()) {
            throw invalid("config 'below' (" + below + ") must be less than 'above' (" + above
                    + "), otherwise every reading would raise an alert");
        }
        if (!(config.getOrDefault("severity", "warning") instanceof String level) || level.isBlank()) {
            throw invalid("config 'severity' must be a non-empty string, got " + config.get("severity"));
        }
        severity = level;
        include = members(config.getOrDefault("include", List.of("deviceId")));
    }

    private static Number bound(Map<String, Object> config, String key) {
        Object value = config.get(key);
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        throw invalid("config '" + key + "' must be a number, got " + quoted(value));
    }

    private static List<String> members(Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid("config 'include' must be a list of member names, got " + value);
    }

    private static Object quoted(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : value;
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(NAME + ": " + message);
    }

    @Override
    public void process(StreamRecord record, RecordCollector out) {
        if (!(record.value() instanceof Map<?, ?> reading)) {
            throw invalid("expects a JSON object value, got "
                    + (record.value() == null ? "null" : record.value().getClass().getSimpleName()));
        }
        Object raw = reading.get(field);
        if (raw == null) {
            return;
        }
        if (!(raw instanceof Number value)) {
            throw invalid("'" + field + "' is not a number: " + quoted(raw));
        }
        if (above != null && value.doubleValue() > above.doubleValue()) {
            out.emit(record.withValue(alert(reading, value, above, "above", record.timestamp())));
        } else if (below != null && value.doubleValue() < below.doubleValue()) {
            out.emit(record.withValue(alert(reading, value, below, "below", record.timestamp())));
        }
    }

    private Map<String, Object> alert(Map<?, ?> reading, Number value, Number threshold, String crossed, long ts) {
        Map<String, Object> alert = new LinkedHashMap<>();
        for (String member : include) {
            if (reading.containsKey(member)) {
                alert.put(member, reading.get(member));
            }
        }
        alert.put("field", field);
        alert.put("value", value);
        alert.put("threshold", threshold);
        alert.put("crossed", crossed);
        alert.put("severity", severity);
        alert.put("ts", ts);
        return alert;
    }
}
