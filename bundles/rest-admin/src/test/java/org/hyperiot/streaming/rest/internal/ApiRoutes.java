package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The routes of the API two ways: as the resource classes declare them (JAX-RS annotations and
 * {@link RequiresRole}) and as the OpenAPI document describes them, and what differs between the two.
 */
final class ApiRoutes {

    /** One route: HTTP method, path template with parameter names only, and the role it needs (null: public). */
    record Route(String method, String path, String role) {

        String key() {
            return method + " " + path;
        }
    }

    /** The operations an OpenAPI path item may hold; its other members (parameters, summary, …) are not routes. */
    private static final Set<String> OPERATIONS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** {@code {name}} or {@code {name : regex}}, the regex possibly holding one level of braces such as {1,3}. */
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([^:{}\\s]+)\\s*(?::(?:[^{}]|\\{[^{}]*})*)?}");

    private static final String PACKAGE = StreamingApiApplication.class.getPackageName();

    private ApiRoutes() {
    }

    /**
     * The resource classes the whiteboard serves in this application. Their registration
     * ({@code @JaxrsResource}, {@code @JaxrsApplicationSelect}) has class retention, read by bnd
     * from the class file when the bundle is built, so it is read from the class files here too.
     */
    static List<Class<?>> registeredResourceClasses() {
        return mainClasses().filter(ApiRoutes::isRegisteredResource).toList();
    }

    /** Every class of the package (not the tests) with a class-level {@link Path}. */
    static List<Class<?>> pathAnnotatedClasses() {
        return mainClasses().filter(c -> c.isAnnotationPresent(Path.class)).toList();
    }

    /** The routes the classes declare, each with the method serving it. */
    static Map<Route, Method> declared(Collection<Class<?>> resources) {
        Map<Route, Method> routes = new LinkedHashMap<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method handler : resource.getMethods()) {
                String httpMethod = httpMethod(handler);
                if (httpMethod == null) {
                    continue;
                }
                Path sub = handler.getAnnotation(Path.class);
                RequiresRole role = handler.getAnnotation(RequiresRole.class);
                routes.put(new Route(httpMethod, normalise(base + "/" + (sub == null ? "" : sub.value())),
                        role == null ? null : role.value().name().toLowerCase(Locale.ROOT)), handler);
            }
        }
        return routes;
    }

    /** The routes the document describes, each with its operation object. */
    static Map<Route, JsonNode> documented(JsonNode document) {
        Map<Route, JsonNode> routes = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(member -> {
            if (OPERATIONS.contains(member.getKey())) {
                JsonNode operation = member.getValue();
                JsonNode role = operation.get("x-required-role");
                routes.put(new Route(member.getKey().toUpperCase(Locale.ROOT), normalise(path.getKey()),
                        role == null || role.isNull() ? null : role.asText()), operation);
            }
        }));
        return routes;
    }

    /** Routes declared but not documented, documented but not declared, and documented with another role. */
    static List<String> differences(Collection<Route> declared, Collection<Route> documented) {
        Map<String, Route> inCode = byKey(declared);
        Map<String, Route> inDocument = byKey(documented);
        List<String> differences = new ArrayList<>();
        inCode.keySet().stream().filter(k -> !inDocument.containsKey(k)).sorted()
                .forEach(k -> differences.add(k + " is served but not documented"));
        inDocument.keySet().stream().filter(k -> !inCode.containsKey(k)).sorted()
                .forEach(k -> differences.add(k + " is documented but no resource serves it"));
        inCode.keySet().stream().filter(inDocument::containsKey).sorted().forEach(k -> {
            String served = inCode.get(k).role();
            String described = inDocument.get(k).role();
            if (served == null ? described != null : !served.equals(described)) {
                differences.add(k + " requires " + describe(served) + " but is documented as requiring "
                        + describe(described));
            }
        });
        return differences;
    }

    /** A path as both sides are compared: leading slash, no empty segments, templates reduced to their names. */
    static String normalise(String path) {
        String names = TEMPLATE.matcher(path).replaceAll(match -> "{" + match.group(1) + "}");
        return "/" + Arrays.stream(names.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
    }

    /** The names of the templates in a normalised path, in order. */
    static List<String> templateNames(String path) {
        return TEMPLATE.matcher(path).results().map(m -> m.group(1)).toList();
    }

    /** The member names of a JSON object, in order. */
    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String describe(String role) {
        return role == null ? "no role" : "the " + role + " role";
    }

    private static Map<String, Route> byKey(Collection<Route> routes) {
        return routes.stream().collect(Collectors.toMap(Route::key, Function.identity(), (a, b) -> a));
    }

    private static String httpMethod(Method handler) {
        for (Annotation annotation : handler.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }

    private static Stream<Class<?>> mainClasses() {
        Set<String> names = new TreeSet<>();
        try (var files = Files.list(mainClassesDirectory().resolve(PACKAGE.replace('.', '/')))) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                    .forEach(f -> names.add(PACKAGE + "." + f.substring(0, f.length() - ".class".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names.stream().map(ApiRoutes::load);
    }

    /** Where the main classes are (target/classes), apart from the test classes of the same package. */
    private static java.nio.file.Path mainClassesDirectory() {
        try {
            return Paths.get(StreamingApiApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiRoutes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the class file carries {@code @JaxrsResource} and {@code @JaxrsApplicationSelect} with
     * this application's filter. Annotation types appear in a class file as descriptors and the
     * filter, a compile-time constant, as a string constant; searching the bytes for them is enough.
     */
    private static boolean isRegisteredResource(Class<?> type) {
        String file = "/" + type.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = type.getResourceAsStream(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.contains("Lorg/osgi/service/jaxrs/whiteboard/propertytypes/JaxrsResource;")
                && text.contains("Lorg/osgi/service/jaxrs/whiteboard/propertytypes/JaxrsApplicationSelect;")
                && text.contains(StreamingApiApplication.SELECT);
    }
}
