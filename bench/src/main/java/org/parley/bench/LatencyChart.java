package org.parley.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * The report's picture: one panel per scenario that has a latency goal (direct messages, the cluster's steps,
 * broadcasts), each with its goal drawn in and a legend beside it naming every line; log scales. A rate measured
 * more than once is drawn through the median run, with every run's point shown, so the spread is seen.
 */
final class LatencyChart {

    private static final double[] PERCENTILES = {50, 99, 99.9};
    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}};
    // one for each target a full run measures (two servers, each on a full log too, their relay WARs, the baseline)
    // and the cluster's series, so that no two series of a panel share a colour
    private static final Color[] COLOURS = {new Color(31, 90, 170), new Color(200, 90, 30), new Color(40, 150, 60),
            new Color(150, 50, 160), new Color(90, 90, 90), new Color(0, 160, 170), new Color(190, 150, 0),
            new Color(230, 90, 160), new Color(120, 70, 30), new Color(110, 170, 240)};
    private static final Color GOAL = new Color(215, 25, 25);
    private static final Color GRID = new Color(230, 230, 230);
    private static final Stroke GOAL_STROKE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {10f, 4f}, 0f);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final int LEFT = 80;
    private static final int PLOT_WIDTH = 640;
    private static final int PLOT_HEIGHT = 360;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int LINE = 22;
    private static final int SWATCH = 40;
    private static final double MIN_RATE = 250;
    private static final double MAX_RATE = 50_000;
    private static final double MIN_MS = 0.1;
    private static final double MAX_MS = 20_000;
    private static final int GOAL_RATE = 20_000;
    private static final double DIRECT_GOAL_MS = 50;
    private static final double BROADCAST_GOAL_MS = 15;
    private static final String[] BROADCAST_POINTS = {"p50", "p99", "max"};

    private final int users;
    // a target keeps its colour in every panel
    private final Map<String, Color> colours = new LinkedHashMap<>();

    LatencyChart(int users) {
        this.users = users;
    }

    BufferedImage draw(Map<String, List<LoadGenerator.DirectResult>> direct,
            Map<String, List<LoadGenerator.DirectResult>> cluster, List<LoadGenerator.BroadcastResult> broadcasts) {
        List<Panel> panels = new ArrayList<>();
        if (!direct.isEmpty()) {
            panels.add(new Panel("Direct messages", direct, null));
        }
        if (!cluster.isEmpty()) {
            panels.add(new Panel("Direct messages, two servers as one chat", cluster, null));
        }
        if (!broadcasts.isEmpty()) {
            panels.add(new Panel("Broadcast to everyone online", null, broadcasts));
        }
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(FONT);
        int legendWidth = panels.stream().flatMap(panel -> panel.legend().stream()).mapToInt(metrics::stringWidth)
                .max().orElse(0) + SWATCH + 20;
        int width = LEFT + PLOT_WIDTH + 30 + legendWidth;
        int height = Math.max(1, panels.stream().mapToInt(Panel::height).sum());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        int y = 0;
        for (Panel panel : panels) {
            if (panel.steps() != null) {
                drawSteps(g, y, panel);
            } else {
                drawBroadcasts(g, y, panel);
            }
            y += panel.height();
        }
        g.dispose();
        return image;
    }

    /** Steps (by target) or broadcasts: what one panel shows. */
    private record Panel(String title, Map<String, List<LoadGenerator.DirectResult>> steps,
            List<LoadGenerator.BroadcastResult> broadcasts) {

        List<String> legend() {
            List<String> legend = new ArrayList<>();
            if (steps != null) {
                steps.keySet().forEach(target -> {
                    for (double percentile : PERCENTILES) {
                        legend.add(target + " " + percentileName(percentile));
                    }
                });
                legend.add(String.format(Locale.ROOT, "goal: p99 ≤ %.0f ms at %,d/s", DIRECT_GOAL_MS, GOAL_RATE));
            } else {
                broadcasts.forEach(broadcast -> legend.add(broadcast.target() + " (" + broadcast.users() + " users)"));
                legend.add(String.format(Locale.ROOT, "goal: last recipient p99 ≤ %.0f ms", BROADCAST_GOAL_MS));
            }
            return legend;
        }

        int height() {
            return TOP + Math.max(PLOT_HEIGHT, legend().size() * LINE) + BOTTOM;
        }
    }

    private void drawSteps(Graphics2D g, int originY, Panel panel) {
        DoubleUnaryOperator x = rate -> LEFT + (Math.log10(rate) - Math.log10(MIN_RATE))
                / (Math.log10(MAX_RATE) - Math.log10(MIN_RATE)) * PLOT_WIDTH;
        DoubleUnaryOperator y = yAxis(originY);
        frame(g, originY, panel.title() + ": latency from scheduled send to receipt", y);
        for (int rate : new int[] {500, 1000, 2000, 4000, 8000, 16000, 32000}) {
            int xx = (int) x.applyAsDouble(rate);
            g.setColor(GRID);
            g.drawLine(xx, originY + TOP, xx, originY + TOP + PLOT_HEIGHT);
            g.setColor(Color.DARK_GRAY);
            String label = rate < 1000 ? Integer.toString(rate) : rate / 1000 + "k";
            g.drawString(label, xx - g.getFontMetrics().stringWidth(label) / 2, originY + TOP + PLOT_HEIGHT + 20);
        }
        g.drawString("offered direct messages per second (" + users + " users)", LEFT + PLOT_WIDTH / 2 - 150,
                originY + TOP + PLOT_HEIGHT + 45);
        Legend legend = new Legend(g, originY);
        panel.steps().forEach((target, steps) -> {
            Map<Integer, List<Histogram>> runs = new LinkedHashMap<>();
            steps.forEach(step -> runs.computeIfAbsent(step.offeredPerSecond(), rate -> new ArrayList<>())
                    .add(step.latency()));
            for (int p = 0; p < PERCENTILES.length; p++) {
                double percentile = PERCENTILES[p];
                g.setColor(colourOf(target));
                g.setStroke(stroke(p));
                int[] xs = runs.keySet().stream().mapToInt(rate -> (int) x.applyAsDouble(rate)).toArray();
                int[] ys = runs.values().stream().mapToInt(histograms -> (int) y.applyAsDouble(median(histograms
                        .stream().mapToDouble(h -> h.getValueAtPercentile(percentile) / 1000.0).toArray())))
                        .toArray();
                g.drawPolyline(xs, ys, xs.length);
                runs.forEach((rate, histograms) -> histograms.forEach(h -> g.fillOval(
                        (int) x.applyAsDouble(rate) - 3,
                        (int) y.applyAsDouble(h.getValueAtPercentile(percentile) / 1000.0) - 3, 7, 7)));
                legend.add(target + " " + percentileName(percentile), colourOf(target), stroke(p));
            }
        });
        g.setColor(GOAL);
        g.setStroke(GOAL_STROKE);
        int goalY = (int) y.applyAsDouble(DIRECT_GOAL_MS);
        int goalX = (int) x.applyAsDouble(GOAL_RATE);
        g.drawLine(LEFT, goalY, LEFT + PLOT_WIDTH, goalY);
        g.drawLine(goalX, originY + TOP, goalX, originY + TOP + PLOT_HEIGHT);
        legend.add(panel.legend().get(panel.legend().size() - 1), GOAL, GOAL_STROKE);
    }

    private void drawBroadcasts(Graphics2D g, int originY, Panel panel) {
        DoubleUnaryOperator y = yAxis(originY);
        frame(g, originY, panel.title() + ": time from scheduled send to the last recipient", y);
        int step = PLOT_WIDTH / BROADCAST_POINTS.length;
        int[] xs = new int[BROADCAST_POINTS.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = LEFT + step / 2 + i * step;
            g.setColor(Color.DARK_GRAY);
            g.drawString(BROADCAST_POINTS[i], xs[i] - g.getFontMetrics().stringWidth(BROADCAST_POINTS[i]) / 2,
                    originY + TOP + PLOT_HEIGHT + 20);
        }
        Legend legend = new Legend(g, originY);
        List<String> labels = panel.legend();
        for (int t = 0; t < panel.broadcasts().size(); t++) {
            LoadGenerator.BroadcastResult broadcast = panel.broadcasts().get(t);
            Histogram last = broadcast.timeToLastDelivery();
            double[] values = {last.getValueAtPercentile(50), last.getValueAtPercentile(99), last.getMaxValue()};
            int[] ys = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ys[i] = (int) y.applyAsDouble(values[i] / 1000.0);
            }
            g.setColor(colourOf(broadcast.target()));
            g.setStroke(stroke(0));
            g.drawPolyline(xs, ys, xs.length);
            for (int i = 0; i < xs.length; i++) {
                g.fillOval(xs[i] - 3, ys[i] - 3, 7, 7);
            }
            legend.add(labels.get(t), colourOf(broadcast.target()), stroke(0));
        }
        g.setColor(GOAL);
        g.setStroke(GOAL_STROKE);
        int goalY = (int) y.applyAsDouble(BROADCAST_GOAL_MS);
        g.drawLine(LEFT, goalY, LEFT + PLOT_WIDTH, goalY);
        legend.add(labels.get(labels.size() - 1), GOAL, GOAL_STROKE);
    }

    /** The panel's title, its border and the milliseconds' grid. */
    private static void frame(Graphics2D g, int originY, String title, DoubleUnaryOperator y) {
        g.setStroke(new BasicStroke(1f));
        for (double ms : new double[] {0.1, 1, 10, 100, 1000, 10_000}) {
            int yy = (int) y.applyAsDouble(ms);
            g.setColor(GRID);
            g.drawLine(LEFT, yy, LEFT + PLOT_WIDTH, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString((ms < 1 ? String.valueOf(ms) : String.valueOf((int) ms)) + " ms", 20, yy + 5);
        }
        g.drawRect(LEFT, originY + TOP, PLOT_WIDTH, PLOT_HEIGHT);
        g.drawString(title, LEFT, originY + TOP - 15);
    }

    /** Milliseconds to a height in the panel; beyond the scale, its edge (a step drawn, not the title it would hit). */
    private static DoubleUnaryOperator yAxis(int originY) {
        return millis -> originY + TOP + PLOT_HEIGHT - (Math.log10(Math.min(Math.max(millis, MIN_MS), MAX_MS))
                - Math.log10(MIN_MS)) / (Math.log10(MAX_MS) - Math.log10(MIN_MS)) * PLOT_HEIGHT;
    }

    /** Entries one under the other, right of the plot. */
    private static final class Legend {
        private final Graphics2D g;
        private int y;

        Legend(Graphics2D g, int originY) {
            this.g = g;
            this.y = originY + TOP + 10;
        }

        void add(String label, Color colour, Stroke stroke) {
            int x = LEFT + PLOT_WIDTH + 30;
            g.setColor(colour);
            g.setStroke(stroke);
            g.drawLine(x, y, x + SWATCH - 8, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label, x + SWATCH, y + 5);
            y += LINE;
        }
    }

    private Color colourOf(String target) {
        return colours.computeIfAbsent(target, t -> COLOURS[colours.size() % COLOURS.length]);
    }

    private static Stroke stroke(int percentile) {
        return DASHES[percentile] == null ? new BasicStroke(2.5f)
                : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, DASHES[percentile], 0f);
    }

    private static String percentileName(double percentile) {
        return percentile == 99.9 ? "p99.9" : "p" + (int) percentile;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
