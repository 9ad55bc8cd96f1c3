package io.tradingsdk.research.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The charting library (uPlot, from its WebJar) and the report's own script and style, read from the
 * classpath so that each report carries them inline and opens offline.
 */
public final class ChartAssets {
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    private static volatile ChartAssets loaded;

    private final String version;
    private final String libraryScript;
    private final String libraryStyle;
    private final String reportScript;
    private final String reportStyle;
    private final String chartsScript;

    private ChartAssets(String version, String libraryScript, String libraryStyle, String reportScript, String reportStyle,
                        String chartsScript) {
        this.version = version;
        this.libraryScript = libraryScript;
        this.libraryStyle = libraryStyle;
        this.reportScript = reportScript;
        this.reportStyle = reportStyle;
        this.chartsScript = chartsScript;
    }

    /** @throws IllegalStateException when the uPlot WebJar is not on the classpath */
    public static ChartAssets get() {
        ChartAssets a = loaded;
        if (a == null) {
            synchronized (ChartAssets.class) {
                a = loaded;
                if (a == null) {
                    a = load();
                    loaded = a;
                }
            }
        }
        return a;
    }

    private static ChartAssets load() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version");
        String base = WEBJAR + version + "/dist/";
        return new ChartAssets(version, scriptSafe(text(base + "uPlot.iife.min.js")), text(base + "uPlot.min.css"),
                scriptSafe(text("io/tradingsdk/research/report/report.js")), text("io/tradingsdk/research/report/report.css"),
                scriptSafe(text("io/tradingsdk/research/report/charts.js")));
    }

    /** Inline script ends at the first "</script"; refuse a script that contains it rather than break the page. */
    private static String scriptSafe(String js) {
        if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("a bundled script contains '</script' and cannot be inlined");
        }
        return js;
    }

    private static InputStream resource(String name) {
        InputStream in = ChartAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is not on the classpath; the research module needs "
                    + "org.webjars.npm:uplot at run time");
        }
        return in;
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    public String libraryScript() {
        return libraryScript;
    }

    public String libraryStyle() {
        return libraryStyle;
    }

    public String reportScript() {
        return reportScript;
    }

    public String reportStyle() {
        return reportStyle;
    }

    /** The script of the sweep and walk-forward pages: draws the charts listed in their #page-data. */
    public String chartsScript() {
        return chartsScript;
    }
}
