package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.DoubleStream;

import javax.imageio.ImageIO;

/**
 * Draws a {@link BenchmarkReport} as a {@value #WIDTH_PIXELS}×{@value #HEIGHT_PIXELS} PNG with two
 * panels: throughput in records/s per scenario and guarantee on the left, end-to-end latency
 * percentiles on a logarithmic axis on the right, with the 10 ms p99 goal marked. Each contestant
 * keeps one colour in both panels; a run whose output was not verified is hatched and outlined in
 * red. Missing figures are drawn as "n/a" and empty lists as "no data", never as an error.
 */
public final class BenchmarkChart {

    static {
        // Must precede the first use of AWT, which decides once and for all whether a display is needed;
        // benchmark machines usually have none. An explicit setting by the caller is respected.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Width of the image written. */
    public static final int WIDTH_PIXELS = 1400;

    /** Height of the image written. */
    public static final int HEIGHT_PIXELS = 600;

    /** Colour of the hatching and outline that mark a run whose output was not verified. */
    static final Color UNVERIFIED = new Color(0xD0, 0x10, 0x10);

    private static final double LATENCY_GOAL_MILLIS = 10;
    private static final int THROUGHPUT_PANEL_WIDTH = 760;
    private static final int PLOT_TOP = 96;
    private static final int PLOT_BOTTOM = HEIGHT_PIXELS - 84;

    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED_TEXT = new Color(0x66, 0x66, 0x66);
    private static final Color AXIS = new Color(0x44, 0x44, 0x44);
    private static final Color GRID = new Color(0xE2, 0xE2, 0xE2);
    private static final Color MINOR_GRID = new Color(0xF2, 0xF2, 0xF2);
    private static final Color GOAL = new Color(0x99, 0x11, 0x11);

    // Our storm engine in a gold next to our native orange (a lighter orange would pass for native's p50
    // shade in the latency panel), the hand-written Storm topology in a dark indigo beside the raw loop's
    // grey.
    private static final Map<String, Color> KNOWN_COLOURS = Map.of(
            Contestant.RAW_LOOP.id(), new Color(0x7F, 0x7F, 0x7F),
            Contestant.KAFKA_STREAMS.id(), new Color(0x1F, 0x77, 0xB4),
            Contestant.STORM_TOPOLOGY.id(), new Color(0x39, 0x3B, 0x79),
            Contestant.HYPERIOT_NATIVE.id(), new Color(0xFF, 0x7F, 0x0E),
            Contestant.HYPERIOT_STORM.id(), new Color(0xE6, 0xAB, 0x02),
            Contestant.HYPERIOT_MICRO_BATCH.id(), new Color(0x2C, 0xA0, 0x2C));
    private static final Color[] OTHER_COLOURS = {
        new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B), new Color(0xE3, 0x77, 0xC2),
        new Color(0x17, 0xBE, 0xCF), new Color(0xBC, 0xBD, 0x22)};

    private static final String[] PERCENTILES = {"p50", "p99", "p99.9"};

    private final Font title = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private final Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /**
     * Writes the chart, creating the parent directory if needed and replacing an existing file.
     *
     * @param report the results to draw
     * @param png    where to write the image
     * @throws IOException if the file cannot be written
     */
    public void write(BenchmarkReport report, Path png) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(png, "png");
        BufferedImage image = draw(report);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
    }

    /**
     * The chart as an image, for callers that embed it elsewhere.
     *
     * @param report the results to draw
     * @return a {@value #WIDTH_PIXELS}×{@value #HEIGHT_PIXELS} RGB image
     */
    public BufferedImage draw(BenchmarkReport report) {
        Objects.requireNonNull(report, "report");
        BufferedImage image = new BufferedImage(WIDTH_PIXELS, HEIGHT_PIXELS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH_PIXELS, HEIGHT_PIXELS);

            List<Contestant> contestants = contestantsInOrder(report);
            Map<String, Color> colours = coloursFor(contestants);
            drawThroughput(g, new Rectangle(0, 0, THROUGHPUT_PANEL_WIDTH, HEIGHT_PIXELS), report,
                    contestants, colours);
            g.setColor(GRID);
            g.drawLine(THROUGHPUT_PANEL_WIDTH, 20, THROUGHPUT_PANEL_WIDTH, HEIGHT_PIXELS - 20);
            drawLatency(g, new Rectangle(THROUGHPUT_PANEL_WIDTH, 0, WIDTH_PIXELS - THROUGHPUT_PANEL_WIDTH,
                    HEIGHT_PIXELS), report, colours);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The colour a contestant is drawn in when it is among {@code contestants}; the six benchmark
     * contestants always get the same colour, whatever else is in the report.
     */
    static Color colourOf(Contestant contestant, List<Contestant> contestants) {
        return coloursFor(contestants).get(contestant.id());
    }

    // ---------------------------------------------------------------- throughput

    private void drawThroughput(Graphics2D g, Rectangle panel, BenchmarkReport report, List<Contestant> contestants,
            Map<String, Color> colours) {
        drawTitle(g, panel, "Throughput");
        List<ThroughputRun> runs = report.throughputByScenarioAndGuarantee();
        if (runs.isEmpty()) {
            drawNoData(g, panel);
            return;
        }
        List<Contestant> measured = contestantsIn(runs.stream().map(ThroughputRun::contestant).toList(), contestants);
        boolean anyUnverified = runs.stream().anyMatch(run -> !run.verified());
        drawLegend(g, panel, measured, colours, anyUnverified);

        Rectangle plot = new Rectangle(panel.x + 84, PLOT_TOP, panel.width - 84 - 24, PLOT_BOTTOM - PLOT_TOP);
        double max = runs.stream().mapToDouble(ThroughputRun::recordsPerSecond)
                .filter(Double::isFinite).max().orElse(0);
        LinearTicks ticks = LinearTicks.covering(max);
        for (int i = 0; i <= ticks.count(); i++) {
            double value = i * ticks.step();
            int y = linearY(value, ticks.top(), plot);
            g.setColor(GRID);
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.setFont(small);
            g.setColor(MUTED_TEXT);
            String text = Figures.compact(value);
            g.drawString(text, plot.x - 8 - g.getFontMetrics().stringWidth(text), y + 4);
        }
        drawVerticalAxisLabel(g, panel.x + 26, plot, "records/s (higher is better)");

        Map<String, List<ThroughputRun>> groups = new LinkedHashMap<>();
        runs.forEach(run -> groups.computeIfAbsent(run.scenario() + "\n" + run.guarantee(), k -> new ArrayList<>())
                .add(run));
        double groupWidth = (double) plot.width / groups.size();
        double slotWidth = groupWidth * 0.84 / measured.size();
        double barWidth = Math.min(slotWidth * 0.86, 72);
        Font captionFont = captionFont(g, groups.keySet().stream().map(key -> List.of(key.split("\n"))).toList(),
                groupWidth - 6, plot.y + plot.height + 22);
        int group = 0;
        for (Map.Entry<String, List<ThroughputRun>> entry : groups.entrySet()) {
            double groupX = plot.x + group * groupWidth;
            for (ThroughputRun run : entry.getValue()) {
                int slot = indexOf(measured, run.contestant());
                double centre = groupX + groupWidth * 0.08 + slotWidth * (slot + 0.5);
                drawThroughputBar(g, run, centre, barWidth, slotWidth, ticks.top(), plot,
                        colours.get(run.contestant().id()));
            }
            drawAxisCaption(g, captionFont, List.of(entry.getKey().split("\n")), groupX + groupWidth / 2,
                    groupWidth - 6, plot.y + plot.height + 22);
            group++;
        }
        drawAxes(g, plot);
    }

    private void drawThroughputBar(Graphics2D g, ThroughputRun run, double centre, double barWidth,
            double slotWidth, double top, Rectangle plot, Color colour) {
        double value = run.recordsPerSecond();
        int baseline = plot.y + plot.height;
        int y = Double.isFinite(value) ? linearY(Math.max(0, value), top, plot) : baseline;
        Rectangle2D bar = new Rectangle2D.Double(centre - barWidth / 2, y, barWidth, baseline - y);
        g.setColor(colour);
        g.fill(bar);
        if (!run.verified()) {
            hatch(g, bar);
        }
        g.setFont(fittingFont(g, small, Figures.compact(value), slotWidth));
        g.setColor(run.verified() ? TEXT : UNVERIFIED);
        drawCentred(g, Figures.compact(value), centre, y - 5);
    }

    private static void hatch(Graphics2D g, Rectangle2D bar) {
        Shape previousClip = g.getClip();
        Stroke previousStroke = g.getStroke();
        g.clip(bar);
        g.setColor(UNVERIFIED);
        g.setStroke(new BasicStroke(1.6f));
        for (double x = bar.getX() - bar.getHeight(); x < bar.getMaxX(); x += 7) {
            g.draw(new Line2D.Double(x, bar.getMaxY(), x + bar.getHeight(), bar.getY()));
        }
        g.setClip(previousClip);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(bar);
        g.setStroke(previousStroke);
    }

    private void drawLegend(Graphics2D g, Rectangle panel, List<Contestant> contestants, Map<String, Color> colours,
            boolean withUnverified) {
        g.setFont(label);
        FontMetrics metrics = g.getFontMetrics();
        List<String> texts = new ArrayList<>();
        contestants.forEach(contestant -> texts.add(contestant.label()));
        if (withUnverified) {
            texts.add("output not verified");
        }
        int swatch = 13;
        int x = panel.x + 24;
        int y = 56;
        for (int i = 0; i < texts.size(); i++) {
            int width = swatch + 6 + metrics.stringWidth(texts.get(i));
            if (x + width > panel.x + panel.width - 16 && x > panel.x + 24) {
                // A second legend line still sits above the plot: PLOT_TOP leaves room for it.
                x = panel.x + 24;
                y += 18;
            }
            Rectangle2D box = new Rectangle2D.Double(x, y - swatch + 2, swatch, swatch);
            if (i < contestants.size()) {
                g.setColor(colours.get(contestants.get(i).id()));
                g.fill(box);
            } else {
                g.setColor(new Color(0xBB, 0xBB, 0xBB));
                g.fill(box);
                hatch(g, box);
            }
            g.setColor(TEXT);
            g.drawString(texts.get(i), x + swatch + 6, y);
            x += width + 20;
        }
    }

    // ---------------------------------------------------------------- latency

    private void drawLatency(Graphics2D g, Rectangle panel, BenchmarkReport report, Map<String, Color> colours) {
        List<LatencyRun> runs = report.latencyByScenarioAndGuarantee();
        Set<String> conditions = new LinkedHashSet<>();
        runs.forEach(run -> conditions.add(run.scenario() + ", " + run.guarantee()));
        drawTitle(g, panel, conditions.size() == 1
                ? "End-to-end latency, " + conditions.iterator().next()
                : "End-to-end latency");
        if (runs.isEmpty()) {
            drawNoData(g, panel);
            return;
        }

        Rectangle plot = new Rectangle(panel.x + 84, PLOT_TOP, panel.width - 84 - 24, PLOT_BOTTOM - PLOT_TOP);
        LogTicks ticks = LogTicks.covering(runs.stream()
                .flatMapToDouble(run -> DoubleStream.of(run.p50Millis(), run.p99Millis(),
                        run.p999Millis()))
                .toArray());
        for (int exponent = ticks.lowExponent(); exponent <= ticks.highExponent(); exponent++) {
            double decade = Math.pow(10, exponent);
            if (exponent < ticks.highExponent()) {
                g.setColor(MINOR_GRID);
                for (int multiple = 2; multiple <= 9; multiple++) {
                    int y = ticks.y(multiple * decade, plot);
                    g.drawLine(plot.x, y, plot.x + plot.width, y);
                }
            }
            int y = ticks.y(decade, plot);
            g.setColor(GRID);
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.setFont(small);
            g.setColor(MUTED_TEXT);
            String text = decadeLabel(exponent);
            g.drawString(text, plot.x - 8 - g.getFontMetrics().stringWidth(text), y + 4);
        }
        drawVerticalAxisLabel(g, panel.x + 26, plot, "milliseconds, log scale (lower is better)");

        List<Rectangle2D> occupied = new ArrayList<>();
        double groupWidth = (double) plot.width / runs.size();
        double slotWidth = groupWidth * 0.8 / PERCENTILES.length;
        double barWidth = Math.min(slotWidth * 0.82, 44);
        List<List<String>> captions = runs.stream()
                .map(run -> conditions.size() > 1
                        ? List.of(run.contestant().label(), run.scenario() + ", " + run.guarantee())
                        : List.of(run.contestant().label()))
                .toList();
        Font captionFont = captionFont(g, captions, groupWidth - 6, plot.y + plot.height + 36);
        for (int i = 0; i < runs.size(); i++) {
            LatencyRun run = runs.get(i);
            double groupX = plot.x + i * groupWidth;
            double[] values = {run.p50Millis(), run.p99Millis(), run.p999Millis()};
            Color colour = colours.get(run.contestant().id());
            Color[] shades = {blend(colour, Color.WHITE, 0.5), colour, blend(colour, Color.BLACK, 0.35)};
            for (int p = 0; p < values.length; p++) {
                double centre = groupX + groupWidth * 0.1 + slotWidth * (p + 0.5);
                int baseline = plot.y + plot.height;
                int y = Double.isFinite(values[p]) ? ticks.y(values[p], plot) : baseline;
                Rectangle2D bar = new Rectangle2D.Double(centre - barWidth / 2, y, barWidth, baseline - y);
                g.setColor(shades[p]);
                g.fill(bar);
                occupied.add(bar);
                String value = Figures.millis(values[p]);
                g.setFont(fittingFont(g, small, value, slotWidth));
                g.setColor(TEXT);
                occupied.add(drawCentred(g, value, centre, y - 5));
                g.setFont(fittingFont(g, small, PERCENTILES[p], slotWidth));
                g.setColor(MUTED_TEXT);
                drawCentred(g, PERCENTILES[p], centre, baseline + 15);
            }
            drawAxisCaption(g, captionFont, captions.get(i), groupX + groupWidth / 2, groupWidth - 6,
                    plot.y + plot.height + 36);
        }
        boolean goalLabelled = drawGoalLine(g, plot, ticks, occupied);
        drawLatencyLegend(g, panel, !goalLabelled);
        drawAxes(g, plot);
    }

    /**
     * Draws the goal line and labels it where the label hides no bar and no figure.
     *
     * @return whether a free place was found; if not, the legend carries the label instead
     */
    private boolean drawGoalLine(Graphics2D g, Rectangle plot, LogTicks ticks, List<Rectangle2D> occupied) {
        int y = ticks.y(LATENCY_GOAL_MILLIS, plot);
        g.setColor(GOAL);
        drawDashed(g, plot.x, y, plot.x + plot.width);
        g.setFont(small);
        FontMetrics metrics = g.getFontMetrics();
        String text = goalText();
        int width = metrics.stringWidth(text);
        int[] xs = {plot.x + plot.width - width - 6, plot.x + 6};
        int[] baselines = {y - 4, y + metrics.getAscent() + 3};
        for (int baseline : baselines) {
            for (int x : xs) {
                Rectangle2D place = new Rectangle2D.Double(x - 3, baseline - metrics.getAscent() - 2, width + 6,
                        metrics.getAscent() + metrics.getDescent() + 4);
                boolean inside = place.getMinY() > plot.y && place.getMaxY() < plot.y + plot.height;
                if (inside && occupied.stream().noneMatch(place::intersects)) {
                    g.drawString(text, x, baseline);
                    return true;
                }
            }
        }
        return false;
    }

    /** Percentile shades, and the goal line when it could not be labelled in the plot. */
    private void drawLatencyLegend(Graphics2D g, Rectangle panel, boolean withGoal) {
        g.setFont(label);
        FontMetrics metrics = g.getFontMetrics();
        Color neutral = new Color(0x80, 0x80, 0x80);
        Color[] shades = {blend(neutral, Color.WHITE, 0.5), neutral, blend(neutral, Color.BLACK, 0.35)};
        String percentiles = "p50, p99, p99.9 per system";
        String goal = goalText();
        int swatch = 13;
        int width = 3 * swatch + 2 + 6 + metrics.stringWidth(percentiles)
                + (withGoal ? 20 + 28 + 6 + metrics.stringWidth(goal) : 0);
        int x = panel.x + (panel.width - width) / 2;
        int y = 56;
        for (Color shade : shades) {
            g.setColor(shade);
            g.fillRect(x, y - swatch + 2, swatch, swatch);
            x += swatch + 1;
        }
        g.setColor(TEXT);
        g.drawString(percentiles, x + 6, y);
        if (withGoal) {
            x += 6 + metrics.stringWidth(percentiles) + 20;
            g.setColor(GOAL);
            drawDashed(g, x, y - swatch / 2 + 2, x + 28);
            g.setColor(TEXT);
            g.drawString(goal, x + 28 + 6, y);
        }
    }

    private String goalText() {
        return small.canDisplay('≤') && label.canDisplay('≤') ? "goal p99 ≤ 10 ms" : "goal p99 <= 10 ms";
    }

    private static void drawDashed(Graphics2D g, int fromX, int y, int toX) {
        Stroke previous = g.getStroke();
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {7, 5}, 0));
        g.drawLine(fromX, y, toX, y);
        g.setStroke(previous);
    }

    private static String decadeLabel(int exponent) {
        return exponent < 0 ? BigDecimal.ONE.scaleByPowerOfTen(exponent).toPlainString()
                : Figures.grouped((long) Math.pow(10, exponent));
    }

    // ---------------------------------------------------------------- shared drawing

    private void drawTitle(Graphics2D g, Rectangle panel, String text) {
        g.setFont(fittingFont(g, title, text, panel.width - 40));
        g.setColor(TEXT);
        drawCentred(g, text, panel.x + panel.width / 2.0, 32);
    }

    private void drawNoData(Graphics2D g, Rectangle panel) {
        g.setFont(label.deriveFont(Font.ITALIC, 16f));
        g.setColor(MUTED_TEXT);
        drawCentred(g, "no data", panel.x + panel.width / 2.0, panel.y + panel.height / 2.0);
    }

    private void drawVerticalAxisLabel(Graphics2D g, int x, Rectangle plot, String text) {
        AffineTransform previous = g.getTransform();
        g.setFont(label);
        g.setColor(MUTED_TEXT);
        g.translate(x, plot.y + plot.height / 2.0);
        g.rotate(-Math.PI / 2);
        drawCentred(g, text, 0, 0);
        g.setTransform(previous);
    }

    private static void drawAxes(Graphics2D g, Rectangle plot) {
        g.setColor(AXIS);
        g.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
        g.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height);
    }

    /** Draws the text centred on {@code centre} and returns the area it covers. */
    private static Rectangle2D drawCentred(Graphics2D g, String text, double centre, double baseline) {
        FontMetrics metrics = g.getFontMetrics();
        int width = metrics.stringWidth(text);
        g.drawString(text, (float) (centre - width / 2.0), (float) baseline);
        return new Rectangle2D.Double(centre - width / 2.0, baseline - metrics.getAscent(), width,
                metrics.getAscent() + metrics.getDescent());
    }

    /**
     * The largest caption font in which every group's caption, word-wrapped to the group's width,
     * stays inside the image; the smallest one offered if none does.
     */
    private Font captionFont(Graphics2D g, List<List<String>> captions, double width, double firstBaseline) {
        List<Font> candidates = List.of(label, small, small.deriveFont(9f));
        for (Font font : candidates) {
            FontMetrics metrics = g.getFontMetrics(font);
            if (captions.stream().allMatch(caption -> fits(metrics, wrapAll(metrics, caption, width), width,
                    firstBaseline))) {
                return font;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /**
     * Draws a group's caption below the plot, each paragraph word-wrapped to the group's width; what
     * still does not fit ends with an ellipsis.
     */
    private static void drawAxisCaption(Graphics2D g, Font font, List<String> paragraphs, double centre,
            double width, double firstBaseline) {
        FontMetrics metrics = g.getFontMetrics(font);
        List<String> lines = wrapAll(metrics, paragraphs, width);
        int room = Math.max(1, (int) ((HEIGHT_PIXELS - metrics.getDescent() - firstBaseline) / metrics.getHeight()) + 1);
        if (lines.size() > room) {
            lines = new ArrayList<>(lines.subList(0, room));
            lines.set(room - 1, lines.get(room - 1) + "…");
        }
        g.setFont(font);
        g.setColor(TEXT);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            while (metrics.stringWidth(line) > width && line.length() > 1) {
                line = line.substring(0, line.length() - 2) + "…";
            }
            drawCentred(g, line, centre, firstBaseline + i * metrics.getHeight());
        }
    }

    private static List<String> wrapAll(FontMetrics metrics, List<String> paragraphs, double width) {
        List<String> lines = new ArrayList<>();
        paragraphs.forEach(paragraph -> lines.addAll(wrap(metrics, paragraph, width)));
        return lines;
    }

    private static boolean fits(FontMetrics metrics, List<String> lines, double width, double firstBaseline) {
        double lastBaseline = firstBaseline + (lines.size() - 1) * metrics.getHeight();
        return lastBaseline + metrics.getDescent() <= HEIGHT_PIXELS
                && lines.stream().allMatch(line -> metrics.stringWidth(line) <= width);
    }

    /** The font, shrunk down to 8 points if needed so that the text fits the width. */
    private static Font fittingFont(Graphics2D g, Font font, String text, double width) {
        Font fitting = font;
        while (g.getFontMetrics(fitting).stringWidth(text) > width && fitting.getSize2D() > 8) {
            fitting = fitting.deriveFont(fitting.getSize2D() - 0.5f);
        }
        return fitting;
    }

    private static List<String> wrap(FontMetrics metrics, String text, double width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static int linearY(double value, double top, Rectangle plot) {
        return (int) Math.round(plot.y + plot.height - value / top * plot.height);
    }

    private static Color blend(Color colour, Color towards, double amount) {
        return new Color(
                (int) Math.round(colour.getRed() + (towards.getRed() - colour.getRed()) * amount),
                (int) Math.round(colour.getGreen() + (towards.getGreen() - colour.getGreen()) * amount),
                (int) Math.round(colour.getBlue() + (towards.getBlue() - colour.getBlue()) * amount));
    }

    // ---------------------------------------------------------------- contestants and colours

    /**
     * The six benchmark contestants in their usual order, then any other system in order of first
     * appearance; a system is listed once whatever labels its runs carry.
     */
    private static List<Contestant> contestantsInOrder(BenchmarkReport report) {
        List<Contestant> seen = new ArrayList<>();
        report.throughput().forEach(run -> seen.add(run.contestant()));
        report.latency().forEach(run -> seen.add(run.contestant()));
        List<Contestant> ordered = new ArrayList<>();
        for (Contestant known : List.of(Contestant.RAW_LOOP, Contestant.KAFKA_STREAMS, Contestant.STORM_TOPOLOGY,
                Contestant.HYPERIOT_NATIVE, Contestant.HYPERIOT_STORM, Contestant.HYPERIOT_MICRO_BATCH)) {
            seen.stream().filter(known::isSameSystemAs).findFirst().ifPresent(ordered::add);
        }
        for (Contestant contestant : seen) {
            if (indexOf(ordered, contestant) < 0) {
                ordered.add(contestant);
            }
        }
        return ordered;
    }

    private static List<Contestant> contestantsIn(List<Contestant> present, List<Contestant> ordered) {
        return ordered.stream().filter(c -> present.stream().anyMatch(c::isSameSystemAs)).toList();
    }

    private static Map<String, Color> coloursFor(List<Contestant> contestants) {
        Map<String, Color> colours = new LinkedHashMap<>(KNOWN_COLOURS);
        int next = 0;
        for (Contestant contestant : contestants) {
            if (!colours.containsKey(contestant.id())) {
                colours.put(contestant.id(), OTHER_COLOURS[next++ % OTHER_COLOURS.length]);
            }
        }
        return colours;
    }

    private static int indexOf(List<Contestant> contestants, Contestant wanted) {
        for (int i = 0; i < contestants.size(); i++) {
            if (contestants.get(i).isSameSystemAs(wanted)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- axes

    /** A linear axis from 0 with 4 to 6 ticks at 1, 2, 2.5 or 5 times a power of ten. */
    record LinearTicks(double step, int count) {

        static LinearTicks covering(double max) {
            // Below 5 records/s fractional ticks would say nothing useful.
            double target = Math.max(max, 5);
            double magnitude = Math.pow(10, Math.floor(Math.log10(target / 5)));
            for (double factor : new double[] {1, 2, 2.5, 5, 10, 20}) {
                double step = factor * magnitude;
                int count = (int) Math.ceil(target / step - 1e-9);
                if (count <= 5) {
                    return new LinearTicks(step, Math.max(count, 1));
                }
            }
            throw new IllegalStateException("no tick step for " + max);
        }

        double top() {
            return step * count;
        }
    }

    /**
     * A log10 axis over whole decades from 0.1 ms to at least 100 ms, so the 10 ms goal is always
     * visible. Lower values, zero included, sit on the lowest tick; their labels still say what they are.
     */
    record LogTicks(int lowExponent, int highExponent) {

        static LogTicks covering(double[] values) {
            int high = 2;
            for (double value : values) {
                if (Double.isFinite(value) && value > 0) {
                    high = Math.max(high, (int) Math.ceil(Math.log10(value)));
                }
            }
            return new LogTicks(-1, high);
        }

        int y(double value, Rectangle plot) {
            double exponent = value > 0 ? Math.log10(value) : lowExponent;
            exponent = Math.max(lowExponent, Math.min(highExponent, exponent));
            double fraction = (exponent - lowExponent) / (highExponent - lowExponent);
            return (int) Math.round(plot.y + plot.height - fraction * plot.height);
        }
    }
}
