package org.hyperiot.streaming.engine.internal.operator;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.AggregateFunction;
import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.CountWindow;
import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.SessionWindow;
import org.hyperiot.streaming.api.SlidingWindow;
import org.hyperiot.streaming.api.TumblingWindow;
import org.hyperiot.streaming.api.WatermarkSpec;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.WindowSpec;
import org.hyperiot.streaming.api.WindowType;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.hyperiot.streaming.engine.definition.DurationFormat;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;
import org.hyperiot.streaming.engine.internal.window.WindowStage;
import org.hyperiot.streaming.engine.internal.window.WindowStageFactory;

/**
 * {@code {"op": "window", "type": …, "aggregate": [...]}}: tumbling, sliding, session and count
 * windows with their aggregates. It ends the pipeline and becomes the task's window stage, whose
 * state the task checkpoints. Its rules include the bounds of {@link DefinitionLimits} on windows
 * per record, open windows per key and count-window state.
 */
public final class WindowDeclaration extends OperatorDeclaration<WindowOperator> {

    private static final Set<String> MEMBERS =
            Set.of("op", "type", "size", "slide", "gap", "allowedLateness", "emit", "aggregate");
    private static final Set<String> AGGREGATE_MEMBERS = Set.of("fn", "field", "as", "name");
    private static final Set<String> RESERVED_RESULT_MEMBERS = Set.of("key", "windowStart", "windowEnd");
    /** Marks a session result withdrawn by a merge (see the session window operator). */
    private static final String RETRACTED = "retracted";
    private static final Map<WindowType, Set<String>> PARAMETERS = Map.of(
            WindowType.TUMBLING, Set.of("size"),
            WindowType.SLIDING, Set.of("size", "slide"),
            WindowType.SESSION, Set.of("gap"),
            WindowType.COUNT, Set.of("size", "slide"));

    WindowDeclaration() {
        super("window", WindowOperator.class);
    }

    /** The stage a task runs for the window, created with the task so that its state can be restored. */
    public WindowStage stage(WindowOperator window) {
        return WindowStageFactory.create(window);
    }

    @Override
    public boolean readsFields() {
        return false;
    }

    @Override
    public boolean endsPipeline() {
        return true;
    }

    @Override
    protected boolean hasLateRecords(WindowOperator window) {
        return window.window() != null && !(window.window() instanceof CountWindow);
    }

    @Override
    public WindowOperator read(JsonMembers in) {
        WindowType type = in.choice("type", "window type", WindowType::fromJsonName, WindowType.values(),
                WindowType::jsonName, null);
        if (type == null) {
            if (!in.has("type")) {
                in.error(in.pointer("type"), "is required: one of tumbling, sliding, session, count");
            }
            return null;
        }
        Set<String> parameters = PARAMETERS.get(type);
        Set<String> allowed = new LinkedHashSet<>(Set.of("op", "type", "emit", "aggregate"));
        allowed.addAll(parameters);
        if (type != WindowType.COUNT) {
            allowed.add("allowedLateness");
        }
        for (String member : in.memberNames()) {
            if (allowed.contains(member)) {
                continue;
            }
            if (member.equals("allowedLateness")) {
                in.error(in.pointer("allowedLateness"), "does not apply to count windows, which have no lateness");
            } else if (MEMBERS.contains(member)) {
                in.error(in.pointer(member), "'" + member + "' does not apply to " + type.jsonName()
                        + " windows; they take " + String.join(" and ", parameters));
            } else {
                in.error(in.pointer(member), "unknown field '" + member + "'; expected one of: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        WindowSpec spec = switch (type) {
            case TUMBLING -> new TumblingWindow(in.requiredDuration("size"));
            case SLIDING -> new SlidingWindow(in.requiredDuration("size"), in.requiredDuration("slide"));
            case SESSION -> new SessionWindow(in.requiredDuration("gap"));
            case COUNT -> {
                Long size = in.integer("size");
                if (size == null && !in.has("size")) {
                    in.error(in.pointer("size"), "is required");
                }
                Long slide = in.integer("slide");
                long sizeValue = size == null ? 0 : size;
                yield new CountWindow(sizeValue, slide == null ? sizeValue : slide);
            }
        };
        Duration lateness = type == WindowType.COUNT ? Duration.ZERO
                : in.duration("allowedLateness", WindowOperator.DEFAULT_ALLOWED_LATENESS);
        EmitMode emit = in.choice("emit", "emit mode", EmitMode::fromJsonName, EmitMode.values(),
                EmitMode::jsonName, WindowOperator.DEFAULT_EMIT);
        return new WindowOperator(spec, lateness, emit, readAggregates(in, in.get("aggregate"),
                in.pointer("aggregate")));
    }

    private static List<AggregateSpec> readAggregates(JsonMembers window, JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            window.error(pointer, "must be an array of aggregates");
            return null;
        }
        List<AggregateSpec> aggregates = new java.util.ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = pointer + "/" + i;
            JsonMembers aggregate = window.object(node.get(i), at);
            if (aggregate == null) {
                // Kept empty so that later aggregates keep their index.
                aggregates.add(new AggregateSpec(null, null, null, null));
                continue;
            }
            aggregate.knownMembers(AGGREGATE_MEMBERS);
            AggregateFunction fn = aggregate.choice("fn", "aggregate function", AggregateFunction::fromJsonName,
                    AggregateFunction.values(), AggregateFunction::jsonName, null);
            aggregates.add(new AggregateSpec(fn, aggregate.text("field"), aggregate.text("as"),
                    aggregate.text("name")));
        }
        return aggregates;
    }

    @Override
    protected void check(WindowOperator window, String pointer, DefinitionRules rules) {
        WindowSpec spec = window.window();
        // The span and step of the windows, when both are valid, for the bound on open windows.
        long span = 0;
        long step = 0;
        if (spec == null) {
            rules.error(pointer + "/type", "is required");
        } else if (spec instanceof TumblingWindow tumbling) {
            if (rules.positiveDuration(pointer + "/size", tumbling.size())) {
                span = tumbling.size().toMillis();
                step = span;
            }
        } else if (spec instanceof SlidingWindow sliding) {
            boolean sizeValid = rules.positiveDuration(pointer + "/size", sliding.size());
            boolean slideValid = rules.positiveDuration(pointer + "/slide", sliding.slide());
            if (sliding.size() != null && sliding.slide() != null && sliding.slide().compareTo(sliding.size()) > 0) {
                rules.error(pointer + "/slide", "must not be longer than size ("
                        + DurationFormat.format(sliding.size()) + "); a window starts every slide and each lasts size");
            } else if (sizeValid && slideValid) {
                long windows = ceilDiv(sliding.size().toMillis(), sliding.slide().toMillis());
                if (windowsPerRecord(pointer + "/slide", windows, rules)) {
                    span = sliding.size().toMillis();
                    step = sliding.slide().toMillis();
                }
            }
        } else if (spec instanceof SessionWindow session) {
            if (rules.positiveDuration(pointer + "/gap", session.gap())) {
                span = session.gap().toMillis();
                step = span;
            }
        } else if (spec instanceof CountWindow count) {
            if (count.size() < 1 || count.size() > DefinitionLimits.MAX_COUNT_WINDOW_SIZE) {
                rules.error(pointer + "/size", "must be a whole number of records between 1 and "
                        + DefinitionLimits.MAX_COUNT_WINDOW_SIZE);
            } else if (count.slide() < 1 || count.slide() > count.size()) {
                rules.error(pointer + "/slide", "must be between 1 and size (" + count.size() + ")");
            } else {
                long open = ceilDiv(count.size(), count.slide());
                if (windowsPerRecord(pointer + "/slide", open, rules)) {
                    countWindowState(pointer, open, window.aggregates(), rules);
                }
            }
        }
        boolean latenessValid = false;
        if (spec instanceof CountWindow) {
            if (window.allowedLateness() != null && !window.allowedLateness().isZero()) {
                rules.error(pointer + "/allowedLateness", "does not apply to count windows, which have no lateness");
            }
        } else {
            latenessValid = rules.nonNegativeDuration(pointer + "/allowedLateness", window.allowedLateness());
        }
        if (step > 0 && latenessValid) {
            openWindowsPerKey(window, pointer, span, step, rules);
        }
        rules.required(pointer + "/emit", window.emit());
        checkAggregates(window.aggregates(), pointer + "/aggregate", spec instanceof SessionWindow, rules);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static boolean windowsPerRecord(String pointer, long windows, DefinitionRules rules) {
        if (windows > DefinitionLimits.MAX_WINDOWS_PER_RECORD) {
            rules.error(pointer, "a record falls in size / slide = " + windows + " windows; at most "
                    + DefinitionLimits.MAX_WINDOWS_PER_RECORD + " are allowed: make slide larger");
            return false;
        }
        return true;
    }

    /**
     * A window stays open from its first record until the watermark, which trails the newest record
     * by maxOutOfOrderness, passes its end plus the allowed lateness: bound how many that keeps per key.
     */
    private static void openWindowsPerKey(WindowOperator window, String pointer, long span, long step,
                                          DefinitionRules rules) {
        WatermarkSpec watermark = rules.definition().watermark();
        Duration disorder = watermark == null ? null : watermark.maxOutOfOrderness();
        if (disorder == null || disorder.isNegative() || disorder.compareTo(DefinitionLimits.MAX_DURATION) > 0) {
            return;
        }
        long retained = span + window.allowedLateness().toMillis() + disorder.toMillis();
        long open = ceilDiv(retained, step);
        if (open <= DefinitionLimits.MAX_OPEN_WINDOWS_PER_KEY) {
            return;
        }
        WindowSpec spec = window.window();
        String what = spec instanceof SessionWindow ? "sessions" : "windows";
        String length = spec instanceof SessionWindow ? "gap" : "size";
        String every = spec instanceof SlidingWindow ? "slide" : length;
        rules.error(window.allowedLateness().isZero() ? pointer : pointer + "/allowedLateness",
                "keeps up to " + open + " " + what + " per key open ((" + length
                        + " + allowedLateness + watermark maxOutOfOrderness) / " + every + "); at most "
                        + DefinitionLimits.MAX_OPEN_WINDOWS_PER_KEY + " are allowed: use larger windows or less lateness");
    }

    /** One key's open count windows are one changelog record: keep its estimated size well under Kafka's limit. */
    private static void countWindowState(String pointer, long openWindows, List<AggregateSpec> aggregates,
                                         DefinitionRules rules) {
        if (aggregates == null) {
            return;
        }
        long perWindow = 24;
        for (AggregateSpec aggregate : aggregates) {
            perWindow += aggregate.fn() == null ? 0 : switch (aggregate.fn()) {
                case COUNT -> 8;
                case SUM, AVG -> 25;
                case MIN, MAX -> 32;
                case FIRST, LAST, CUSTOM -> DefinitionLimits.ASSUMED_VALUE_BYTES;
            };
        }
        long estimate = openWindows * perWindow;
        if (estimate > DefinitionLimits.MAX_COUNT_WINDOW_STATE_BYTES) {
            rules.error(pointer + "/slide", "each key keeps " + openWindows + " count windows open in one state "
                    + "record of about " + estimate + " bytes; at most " + DefinitionLimits.MAX_COUNT_WINDOW_STATE_BYTES
                    + " are allowed: make slide larger or keep fewer first, last or custom aggregates");
        }
    }

    private static void checkAggregates(List<AggregateSpec> aggregates, String pointer, boolean session,
                                        DefinitionRules rules) {
        if (aggregates == null || aggregates.isEmpty()) {
            rules.error(pointer, "needs at least one aggregate, for example {\"fn\": \"count\", \"as\": \"n\"}");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < aggregates.size(); i++) {
            AggregateSpec aggregate = aggregates.get(i);
            String at = pointer + "/" + i;
            if (aggregate.as() == null || aggregate.as().isEmpty()) {
                rules.error(at + "/as", "is required: the name of this aggregate in the window result");
            } else if (RESERVED_RESULT_MEMBERS.contains(aggregate.as())) {
                rules.error(at + "/as", "'" + aggregate.as() + "' is taken by the window result itself");
            } else if (session && aggregate.as().equals(RETRACTED)) {
                rules.error(at + "/as", "'" + RETRACTED + "' marks the retraction of a merged session");
            } else if (!names.add(aggregate.as())) {
                rules.error(at + "/as", "'" + aggregate.as() + "' names another aggregate already");
            }
            AggregateFunction fn = aggregate.fn();
            if (fn == null) {
                rules.error(at + "/fn", "is required");
                continue;
            }
            switch (fn) {
                case SUM, AVG, MIN, MAX -> {
                    if (aggregate.field() == null) {
                        rules.error(at + "/field", fn.jsonName() + " needs the field it aggregates");
                    } else {
                        rules.fieldPath(at + "/field", aggregate.field());
                    }
                }
                default -> {
                    if (aggregate.field() != null) {
                        rules.fieldPath(at + "/field", aggregate.field());
                    }
                }
            }
            if (fn == AggregateFunction.CUSTOM) {
                rules.extensionName(at + "/name", aggregate.name(), "aggregator");
            } else if (aggregate.name() != null) {
                rules.error(at + "/name", "only custom aggregates take a name");
            }
        }
    }

    @Override
    protected void write(WindowOperator window, ObjectNode node) {
        node.put("type", window.window().type().jsonName());
        if (window.window() instanceof TumblingWindow tumbling) {
            node.put("size", DurationFormat.format(tumbling.size()));
        } else if (window.window() instanceof SlidingWindow sliding) {
            node.put("size", DurationFormat.format(sliding.size()));
            node.put("slide", DurationFormat.format(sliding.slide()));
        } else if (window.window() instanceof SessionWindow session) {
            node.put("gap", DurationFormat.format(session.gap()));
        } else if (window.window() instanceof CountWindow count) {
            node.put("size", count.size());
            if (count.slide() != count.size()) {
                node.put("slide", count.slide());
            }
        }
        if (!(window.window() instanceof CountWindow)) {
            node.put("allowedLateness", DurationFormat.format(window.allowedLateness()));
        }
        node.put("emit", window.emit().jsonName());
        ArrayNode aggregates = node.putArray("aggregate");
        for (AggregateSpec aggregate : window.aggregates()) {
            ObjectNode a = aggregates.addObject();
            a.put("fn", aggregate.fn().jsonName());
            if (aggregate.name() != null) {
                a.put("name", aggregate.name());
            }
            if (aggregate.field() != null) {
                a.put("field", aggregate.field());
            }
            a.put("as", aggregate.as());
        }
    }

    @Override
    protected void references(WindowOperator window, String pointer, List<ExtensionReference> into) {
        List<AggregateSpec> aggregates = window.aggregates();
        if (aggregates == null) {
            return;
        }
        for (int j = 0; j < aggregates.size(); j++) {
            if (aggregates.get(j).fn() == AggregateFunction.CUSTOM) {
                into.add(new ExtensionReference(pointer + "/aggregate/" + j + "/name",
                        ExtensionReference.Kind.AGGREGATOR, aggregates.get(j).name()));
            }
        }
    }
}
