package org.hyperiot.streaming.engine.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.engine.Json.object;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.StreamRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorsTest {

    private static List<StreamRecord> run(RecordTransform transform, StreamRecord input) throws Exception {
        List<StreamRecord> out = new ArrayList<>();
        transform.apply(input, out::add);
        return out;
    }

    private static StreamRecord record(Object value) {
        return StreamRecord.of("k1", value, 1000L);
    }

    static List<Object[]> conditions() {
        Map<String, Object> v = object("temp", 21L, "ratio", 0.5, "name", "d17", "flag", true, "none", null,
                "meta", object("site", "north", "floor", 3L), "tags", List.of("a", "b"));
        return Arrays.asList(new Object[][] {
            {v, Condition.eq("temp", 21L), true},
            {v, Condition.eq("temp", 21.0), true},
            {v, Condition.eq("temp", "21"), false},
            {v, Condition.ne("temp", 22L), true},
            {v, Condition.ne("missing", 1L), true},
            {v, Condition.eq("missing", null), false},
            {v, Condition.eq("none", null), true},
            {v, Condition.gt("temp", 20.5), true},
            {v, Condition.gt("temp", 21L), false},
            {v, Condition.gte("temp", 21L), true},
            {v, Condition.lt("ratio", 1L), true},
            {v, Condition.lte("ratio", 0.5), true},
            {v, Condition.lt("name", "e"), true},
            {v, Condition.gt("name", 5L), false},
            {v, Condition.gt("missing", 0L), false},
            {v, Condition.lt("none", 0L), false},
            {v, Condition.in("name", List.of("d16", "d17")), true},
            {v, Condition.in("temp", List.of(1L, 21.0)), true},
            {v, Condition.in("temp", List.of()), false},
            {v, Condition.in("missing", Arrays.asList((Object) null)), false},
            {v, Condition.exists("none", true), true},
            {v, Condition.exists("missing", true), false},
            {v, Condition.exists("missing", false), true},
            {v, Condition.eq("meta.site", "north"), true},
            {v, Condition.gte("meta.floor", 3L), true},
            {v, Condition.exists("meta.room", true), false},
            {v, Condition.exists("name.first", true), false},
            {v, Condition.eq("meta", object("floor", 3.0, "site", "north")), true},
            {v, Condition.eq("tags", List.of("a", "b")), true},
            {v, Condition.eq("flag", true), true},
            {v, Condition.all(Condition.gt("temp", 0L), Condition.eq("flag", true)), true},
            {v, Condition.all(Condition.gt("temp", 0L), Condition.eq("flag", false)), false},
            {v, Condition.any(Condition.gt("temp", 100L), Condition.eq("name", "d17")), true},
            {v, Condition.any(Condition.gt("temp", 100L), Condition.eq("name", "x")), false},
            {v, Condition.not(Condition.eq("name", "d17")), false},
            {"plain text", Condition.exists("a", false), true},
            {"plain text", Condition.eq("a", "plain text"), false},
        });
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void filterEvaluatesConditions(Object value, Condition condition, boolean kept) throws Exception {
        List<StreamRecord> out = run(new FilterTransform(ConditionCompiler.compile(condition)), record(value));

        assertThat(out).hasSize(kept ? 1 : 0);
        if (kept) {
            assertThat(out.get(0)).isEqualTo(record(value));
        }
    }

    @Test
    void projectKeepsListedFieldsIncludingNestedOnes() throws Exception {
        Map<String, Object> value = object("a", 1L, "b", 2L, "meta", object("site", "n", "floor", 3L), "c", 4L);

        List<StreamRecord> out = run(new ProjectTransform(List.of("c", "meta.site", "missing", "a")), record(value));

        assertThat(out.get(0).value()).isEqualTo(object("c", 4L, "meta", object("site", "n"), "a", 1L));
        assertThat(new ArrayList<Object>(((Map<?, ?>) out.get(0).value()).keySet())).containsExactly("c", "meta", "a");
        assertThat(out.get(0).key()).isEqualTo("k1");
        assertThat(value).containsKeys("b");
    }

    @Test
    void projectOfAParentAndItsChildDoesNotTouchTheInput() throws Exception {
        Map<String, Object> meta = object("site", "n", "floor", 3L);
        Map<String, Object> value = object("meta", meta);

        List<StreamRecord> out = run(new ProjectTransform(List.of("meta", "meta.site")), record(value));

        assertThat(out.get(0).value()).isEqualTo(object("meta", object("site", "n", "floor", 3L)));
        assertThat(meta).isEqualTo(object("site", "n", "floor", 3L));
    }

    @Test
    void setCreatesNestedObjectsWithoutChangingTheInput() throws Exception {
        Map<String, Object> value = object("a", 1L, "meta", object("site", "n"));

        StreamRecord out = run(new SetTransform("meta.unit", "K"), record(value)).get(0);
        StreamRecord deeper = run(new SetTransform("x.y.z", List.of(1L)), record(value)).get(0);
        StreamRecord replaced = run(new SetTransform("a.b", true), record(value)).get(0);

        assertThat(out.value()).isEqualTo(object("a", 1L, "meta", object("site", "n", "unit", "K")));
        assertThat(deeper.value()).isEqualTo(object("a", 1L, "meta", object("site", "n"),
                "x", object("y", object("z", List.of(1L)))));
        assertThat(replaced.value()).isEqualTo(object("a", object("b", true), "meta", object("site", "n")));
        assertThat(value).isEqualTo(object("a", 1L, "meta", object("site", "n")));
    }

    @Test
    void renameMovesAFieldAndIgnoresMissingOnes() throws Exception {
        Map<String, Object> value = object("temp", 21L, "meta", object("site", "n"));

        assertThat(run(new RenameTransform("temp", "t"), record(value)).get(0).value())
                .isEqualTo(object("meta", object("site", "n"), "t", 21L));
        assertThat(run(new RenameTransform("meta.site", "site"), record(value)).get(0).value())
                .isEqualTo(object("temp", 21L, "meta", object(), "site", "n"));
        assertThat(run(new RenameTransform("nope", "x"), record(value)).get(0).value()).isSameAs(value);
    }

    @Test
    void keyByUsesTheFieldAsAString() throws Exception {
        Map<String, Object> value = object("s", "d17", "n", 17L, "d", 1.5, "b", true, "o", object("x", 1L),
                "nul", null, "nested", object("id", "z"));

        assertThat(keyOf("s", value)).isEqualTo("d17");
        assertThat(keyOf("n", value)).isEqualTo("17");
        assertThat(keyOf("d", value)).isEqualTo("1.5");
        assertThat(keyOf("b", value)).isEqualTo("true");
        assertThat(keyOf("o", value)).isEqualTo("{\"x\":1}");
        assertThat(keyOf("nul", value)).isNull();
        assertThat(keyOf("missing", value)).isNull();
        assertThat(keyOf("nested.id", value)).isEqualTo("z");
    }

    private static String keyOf(String field, Object value) throws Exception {
        return run(new KeyByTransform(field), record(value)).get(0).key();
    }

    @Test
    void objectOperatorsRejectValuesThatAreNotObjects() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(new SetTransform("a", 1L), record("text")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set")
                .hasMessageContaining("String");
    }
}
