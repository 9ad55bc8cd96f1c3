package io.tradingsdk.research.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A self-contained HTML page of charts and tables (the sweep and walk-forward pages): headings, HTML
 * fragments and charts in the order added; uPlot and the chart script inlined.
 */
public final class ChartPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder body = new StringBuilder(64 * 1024);
    private final ArrayNode charts = JSON.createArrayNode();
    private final String title;

    public ChartPage(String title) {
        this.title = title;
        body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    }

    /** A heading and an already escaped HTML fragment. */
    public ChartPage section(String heading, String html) {
        body.append("<section><h2>").append(Html.escape(heading)).append("</h2>").append(html).append("</section>\n");
        return this;
    }

    /** A series of a chart: its label, colour (#rrggbb) and values ({@code null} for no point). */
    public record Series(String label, String color, List<? extends Number> values) {
    }

    /** A line chart over time; {@code epochSeconds} are the x values. */
    public ChartPage timeChart(String heading, List<Long> epochSeconds, List<Series> series) {
        ObjectNode c = chart(heading, "time", series);
        ArrayNode t = c.putArray("t");
        epochSeconds.forEach(t::add);
        return this;
    }

    /** A bar chart with one bar (or two side by side) per label. */
    public ChartPage barChart(String heading, String xLabel, List<String> labels, List<Series> series) {
        ObjectNode c = chart(heading, "category", series);
        c.put("xLabel", xLabel);
        ArrayNode l = c.putArray("labels");
        labels.forEach(l::add);
        return this;
    }

    private ObjectNode chart(String heading, String kind, List<Series> series) {
        String id = "chart-" + charts.size();
        body.append("<section><h2>").append(Html.escape(heading)).append("</h2><div class=\"chart\" id=\"").append(id)
                .append("\"></div></section>\n");
        ObjectNode c = charts.addObject();
        c.put("id", id);
        c.put("kind", kind);
        ArrayNode s = c.putArray("series");
        for (Series x : series) {
            ObjectNode o = s.addObject();
            o.put("label", x.label());
            o.put("color", x.color());
            ArrayNode v = o.putArray("values");
            for (Number n : x.values()) {
                if (n == null || !Double.isFinite(n.doubleValue())) {
                    v.addNull();
                } else {
                    v.add(n.doubleValue());
                }
            }
        }
        return c;
    }

    public String render() {
        ChartAssets assets = ChartAssets.get();
        ObjectNode data = JSON.createObjectNode();
        data.set("charts", charts);
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the page data", e);
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"generator\" content=\"trading-research, uPlot " + Html.escape(assets.version()) + "\">\n"
                + "<title>" + Html.escape(title) + "</title>\n<style>\n" + assets.libraryStyle() + "\n" + assets.reportStyle()
                + "\n</style>\n</head>\n<body>\n" + body
                + "<script type=\"application/json\" id=\"page-data\">" + Html.scriptJson(json) + "</script>\n"
                + "<script>\n" + assets.libraryScript() + "\n</script>\n<script>\n" + assets.chartsScript()
                + "\n</script>\n</body>\n</html>\n";
    }
}
