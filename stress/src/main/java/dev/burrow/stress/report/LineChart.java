package dev.burrow.stress.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stacked panels over a shared x axis, written as PNG with AWT (headless): one panel per quantity, each scaled to
 * its own data, so 64 KiB of native growth is not flattened next to 330 MiB of RSS. Panels draw their thresholds
 * (a budget off the data's scale is named at the panel's edge instead of squashing the data), and vertical markers
 * (the warm-up boundary) cross every panel. Ticks are round: 1-2-5 steps, bytes in binary units (KiB, MiB, GiB).
 */
public final class LineChart {
    /** What a panel's values are: decides the tick steps and labels. */
    public enum Unit {
        /** Bytes: ticks in B, KiB, MiB or GiB. */
        BYTES,
        /** Milliseconds. */
        MS,
        /** A plain count. */
        COUNT
    }

    private static final Color[] PALETTE = {new Color(0x2b6cb0), new Color(0xc05621), new Color(0x2f855a),
        new Color(0x9b2c2c), new Color(0x6b46c1)};
    private static final Color THRESHOLD = new Color(0xc53030);
    private static final Color MARKER = new Color(0x718096);
    private static final int WIDTH = 1000;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int PANEL_HEIGHT = 150;
    private static final int PANEL_GAP = 48;
    private static final int TOP = 46;

    private final String title;
    private final String xLabel;
    private final double firstX;
    private final List<Panel> panels = new ArrayList<>();
    private final List<double[]> markers = new ArrayList<>();
    private final List<String> markerLabels = new ArrayList<>();

    /**
     * @param title picture title
     * @param xLabel what x counts
     * @param firstX the x of each series' first value (1 for cycles counted from 1, 0 for frames)
     */
    public LineChart(String title, String xLabel, double firstX) {
        this.title = title;
        this.xLabel = xLabel;
        this.firstX = firstX;
    }

    /**
     * A vertical line across every panel, e.g. where the warm-up ends.
     *
     * @param x where, in x units
     * @param label what it marks
     * @return this chart
     */
    public LineChart marker(double x, String label) {
        markers.add(new double[] {x});
        markerLabels.add(label);
        return this;
    }

    /** One quantity: its series and thresholds. */
    public final class Panel {
        final String name;
        final Unit unit;
        final List<String> names = new ArrayList<>();
        final List<double[]> series = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        final List<Double> thresholds = new ArrayList<>();
        final List<String> thresholdLabels = new ArrayList<>();

        Panel(String name, Unit unit) {
            this.name = name;
            this.unit = unit;
        }

        /**
         * @param legend legend text
         * @param values y values (NaN: no point)
         * @param n how many of them count
         * @return this panel
         */
        public Panel series(String legend, double[] values, int n) {
            names.add(legend);
            series.add(values);
            counts.add(n);
            return this;
        }

        /**
         * A horizontal budget line.
         *
         * @param value where, in the panel's unit
         * @param label what it is, e.g. "limit: +4 MiB over cycle 10"
         * @return this panel
         */
        public Panel threshold(double value, String label) {
            thresholds.add(value);
            thresholdLabels.add(label);
            return this;
        }
    }

    /**
     * @param name panel title
     * @param unit what its values are
     * @return the panel
     */
    public Panel panel(String name, Unit unit) {
        Panel p = new Panel(name, unit);
        panels.add(p);
        return p;
    }

    /**
     * Writes the PNG.
     *
     * @param file where
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        int n = 0;
        for (Panel p : panels) {
            for (int c : p.counts) {
                n = Math.max(n, c);
            }
        }
        double[] xt = ticks(firstX, Math.max(firstX + 1, firstX + n - 1), Unit.COUNT);
        double x0 = firstX;
        double x1 = Math.max(firstX + 1, firstX + n - 1);
        int h = TOP + panels.size() * (PANEL_HEIGHT + PANEL_GAP) + 10;
        BufferedImage img = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int top = TOP + 16;
        int pw = WIDTH - LEFT - RIGHT;
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, panels.get(i), top, pw, x0, x1, xt, i == 0, i == panels.size() - 1);
            top += PANEL_HEIGHT + PANEL_GAP;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private void drawPanel(Graphics2D g, Panel p, int y0, int pw, double x0, double x1, double[] xt, boolean first, boolean last) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < p.series.size(); s++) {
            double[] v = p.series.get(s);
            for (int i = 0; i < p.counts.get(s); i++) {
                if (!Double.isNaN(v[i])) {
                    min = Math.min(min, v[i]);
                    max = Math.max(max, v[i]);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        double[] yt = ticks(min, max, p.unit);
        double lo = yt[0];
        double hi = yt[yt.length - 1];
        g.setColor(new Color(0xf7f7f7));
        g.fillRect(LEFT, y0, pw, PANEL_HEIGHT);
        for (double t : yt) {
            int y = yOf(t, lo, hi, y0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.DARK_GRAY);
            String label = label(t, p.unit, yt);
            g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (double t : xt) {
            int x = xOf(t, x0, x1, pw);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(x, y0, x, y0 + PANEL_HEIGHT);
            if (last) {
                g.setColor(Color.DARK_GRAY);
                String label = label(t, Unit.COUNT, xt);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, y0 + PANEL_HEIGHT + 14);
            }
        }
        if (last) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(xLabel, LEFT + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, y0 + PANEL_HEIGHT + 30);
        }
        g.setColor(Color.BLACK);
        g.drawString(p.name, LEFT, y0 - 8);
        Stroke plain = g.getStroke();
        for (int m = 0; m < markers.size(); m++) {
            double mx = markers.get(m)[0];
            if (mx >= x0 && mx <= x1) {
                int x = xOf(mx, x0, x1, pw);
                g.setColor(MARKER);
                g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
                g.drawLine(x, y0, x, y0 + PANEL_HEIGHT);
                g.setStroke(plain);
                if (first) {
                    g.drawString(markerLabels.get(m), x + 4, y0 + 13);
                }
            }
        }
        for (int s = p.series.size() - 1; s >= 0; s--) {
            g.setColor(PALETTE[s % PALETTE.length]);
            drawSeries(g, p.series.get(s), p.counts.get(s), lo, hi, y0, pw, x0, x1);
        }
        drawThresholds(g, p, lo, hi, y0, pw);
        int lx = LEFT + pw;
        for (int s = p.series.size() - 1; s >= 0; s--) {
            String label = p.names.get(s);
            lx -= g.getFontMetrics().stringWidth(label) + 24;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(lx, y0 - 14, 12, 4);
            g.drawString(label, lx + 16, y0 - 8);
        }
    }

    /** Min and max per pixel column: a faithful line for 100 points or 10 million. */
    private void drawSeries(Graphics2D g, double[] v, int c, double lo, double hi, int y0, int pw, double x0, double x1) {
        g.setStroke(new BasicStroke(1.5f));
        int prevX = -1;
        int prevY = -1;
        int col = -1;
        double colMin = 0;
        double colMax = 0;
        for (int i = 0; i <= c; i++) {
            int x = i < c ? xOf(firstX + i, x0, x1, pw) : Integer.MAX_VALUE;
            if (x != col && col >= 0 && !Double.isNaN(colMin)) {
                int yMin = yOf(colMin, lo, hi, y0);
                int yMax = yOf(colMax, lo, hi, y0);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, col, yMax);
                }
                g.drawLine(col, yMin, col, yMax);
                prevX = col;
                prevY = yMin;
            }
            if (i == c) {
                break;
            }
            if (x != col) {
                col = x;
                colMin = Double.NaN;
                colMax = Double.NaN;
            }
            double y = v[i];
            if (!Double.isNaN(y)) {
                colMin = Double.isNaN(colMin) ? y : Math.min(colMin, y);
                colMax = Double.isNaN(colMax) ? y : Math.max(colMax, y);
            } else {
                prevX = -1; // a gap in the data is a gap in the line
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawThresholds(Graphics2D g, Panel p, double lo, double hi, int y0, int pw) {
        Stroke plain = g.getStroke();
        for (int t = 0; t < p.thresholds.size(); t++) {
            double v = p.thresholds.get(t);
            String label = p.thresholdLabels.get(t);
            g.setColor(THRESHOLD);
            int w = g.getFontMetrics().stringWidth(label);
            if (v > hi || v < lo) {
                // Off the data's scale: name it at the edge rather than squash the data to fit it.
                String text = (v > hi ? "\u2191 " : "\u2193 ") + label + " (off scale)";
                w = g.getFontMetrics().stringWidth(text);
                label(g, text, LEFT + pw - w - 4, v > hi ? y0 + 13 : y0 + PANEL_HEIGHT - 4);
                continue;
            }
            int y = yOf(v, lo, hi, y0);
            g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {7, 4}, 0));
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setStroke(plain);
            label(g, label, LEFT + pw - w - 4, y > y0 + 16 ? y - 4 : y + 14);
        }
    }

    /** Text on a white box, readable over the data it sits on. */
    private static void label(Graphics2D g, String text, int x, int baseline) {
        Color c = g.getColor();
        g.setColor(Color.WHITE);
        g.fillRect(x - 2, baseline - g.getFontMetrics().getAscent(), g.getFontMetrics().stringWidth(text) + 4,
            g.getFontMetrics().getAscent() + 3);
        g.setColor(c);
        g.drawString(text, x, baseline);
    }

    private static int yOf(double v, double lo, double hi, int y0) {
        return y0 + PANEL_HEIGHT - (int) Math.round((v - lo) / (hi - lo) * PANEL_HEIGHT);
    }

    private static int xOf(double x, double x0, double x1, int pw) {
        return LEFT + (int) Math.round((x - x0) / (x1 - x0) * pw);
    }

    /**
     * Round ticks covering [min, max]: steps of 1, 2 or 5 times a power of ten of the display unit (for bytes the
     * display unit is B, KiB, MiB or GiB), about four to eight of them, the first at or below min and the last at
     * or above max.
     *
     * @param min smallest value
     * @param max largest value
     * @param unit the values' unit
     * @return the tick values, ascending, at least two
     */
    static double[] ticks(double min, double max, Unit unit) {
        if (max - min < 1e-9) {
            // A flat series (native bytes back at the baseline every cycle): a small window around it.
            double pad = unit == Unit.BYTES ? 1024 : Math.max(unit == Unit.MS ? 0.01 : 1, Math.abs(max) * 0.01);
            min = min >= 0 && min - pad < 0 ? 0 : min - pad;
            max += pad;
        }
        double scale = unit == Unit.BYTES ? byteUnit(max - min) : 1;
        double a = min / scale;
        double b = max / scale;
        double step = niceStep((b - a) / 5);
        if (unit != Unit.MS && scale == 1 && step < 1) {
            step = 1; // bytes and counts are whole: no tick at 0.5 B
        }
        double first = Math.floor(a / step + 1e-9) * step;
        double last = Math.ceil(b / step - 1e-9) * step;
        if (last - first < step) {
            last = first + step;
        }
        int count = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = (first + i * step) * scale;
        }
        return t;
    }

    private static double niceStep(double raw) {
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / pow;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
    }

    /** The binary unit of a span: the largest one it reaches (a span of 64 KiB is counted in KiB). */
    private static double byteUnit(double span) {
        for (double u : new double[] {1L << 30, 1L << 20, 1L << 10}) {
            if (span >= u) {
                return u;
            }
        }
        return 1;
    }

    /**
     * @param v a tick value
     * @param unit its unit
     * @param all every tick of the axis (to pick one display unit and precision for all)
     * @return the label, e.g. "330 MiB", "64 KiB", "2.5 ms"; on a narrow byte axis far from zero (64 KiB of growth
     *         at 330 MiB) the first tick is absolute and the others are offsets from it, "+16 KiB"
     */
    static String label(double v, Unit unit, double[] all) {
        if (unit == Unit.BYTES) {
            double step = all[1] - all[0];
            double u = byteUnit(all[all.length - 1] - all[0]);
            if (Math.abs(all[0]) / u >= 10_000) {
                if (v != all[0]) {
                    return "+" + bytes(v - all[0], u, step);
                }
                // The base in a big unit, precise enough that base + offset is the tick's true value.
                double big = Math.abs(v) >= (1L << 30) ? 1L << 30 : Math.abs(v) >= (1L << 20) ? 1L << 20 : 1L << 10;
                return bytes(v, big, step);
            }
            return bytes(v, u, step);
        }
        String n = number(v, all[1] - all[0]);
        return unit == Unit.MS ? n + " ms" : n;
    }

    private static String bytes(double v, double u, double step) {
        String name = u == (1L << 30) ? "GiB" : u == (1L << 20) ? "MiB" : u == (1L << 10) ? "KiB" : "B";
        return number(v / u, step / u) + " " + name;
    }

    private static String number(double v, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.equals("-0") ? "0" : s;
    }
}
