package org.hyperiot.streaming.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleAssetsTest {

    @Test
    void theConsoleAddressIsTheIndexPage() {
        assertThat(ConsoleAssets.resolve("/")).get()
                .extracting(ConsoleAssets.Asset::entry, ConsoleAssets.Asset::contentType)
                .containsExactly("console/index.html", "text/html; charset=UTF-8");
        assertThat(ConsoleAssets.resolve("")).get().extracting(ConsoleAssets.Asset::entry).isEqualTo("console/index.html");
    }

    @Test
    void filesBelowTheRootAreServedWithTheirType() {
        assertThat(ConsoleAssets.resolve("/js/app.js")).get()
                .extracting(ConsoleAssets.Asset::entry, ConsoleAssets.Asset::contentType)
                .containsExactly("console/js/app.js", "text/javascript; charset=UTF-8");
        assertThat(ConsoleAssets.resolve("/css/console.css")).get().extracting(ConsoleAssets.Asset::contentType)
                .isEqualTo("text/css; charset=UTF-8");
        assertThat(ConsoleAssets.resolve("/img/logo.SVG")).get().extracting(ConsoleAssets.Asset::contentType)
                .isEqualTo("image/svg+xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../OSGI-INF/component.xml", "/js/../../META-INF/MANIFEST.MF", "/..", "/.", "/js/./app.js",
            "/js//app.js", "//etc/passwd.txt", "/js\\..\\app.js", "/.hidden.js", "/js/app.js/",
            "/%2e%2e/x.js", "/app.js;jsessionid=1", "/app js.js", "/js/app.js\u0000.html", "/org/hyperiot/X.class",
            "/META-INF/MANIFEST.MF", "/js/app", "/a/b/c/d/e/f/g/h/i.js", "relative.js"})
    void pathsOutsideTheRootOrOfUnknownTypeNameNothing(String path) {
        assertThat(ConsoleAssets.resolve(path)).isEmpty();
    }

    @Test
    void noPathNamesNothing() {
        assertThat(ConsoleAssets.resolve(null)).isEmpty();
    }

    @Test
    void versionedLibrariesAreKeptAndOwnFilesRevalidated() {
        assertThat(ConsoleAssets.resolve("/lib/uplot/1.6.30/uPlot.esm.js")).get()
                .extracting(ConsoleAssets.Asset::cacheControl).asString().contains("immutable", "max-age=31536000");
        assertThat(ConsoleAssets.resolve("/js/app.js")).get().extracting(ConsoleAssets.Asset::cacheControl)
                .isEqualTo("no-cache");
        assertThat(ConsoleAssets.resolve("/")).get().extracting(ConsoleAssets.Asset::cacheControl)
                .isEqualTo("no-cache");
    }
}
