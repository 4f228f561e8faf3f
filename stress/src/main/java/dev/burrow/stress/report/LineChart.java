package dev.burrow.stress.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stacked panels of line series over a shared x axis, written as PNG with AWT (headless). Each panel has its own y
 * scale, so bytes and milliseconds can share one picture.
 */
public final class LineChart {
    private static final Color[] PALETTE = {new Color(0x2b6cb0), new Color(0xc05621), new Color(0x2f855a),
        new Color(0x9b2c2c), new Color(0x6b46c1)};

    private final String title;
    private final String xLabel;
    private final List<Panel> panels = new ArrayList<>();

    /** @param title picture title @param xLabel what x counts */
    public LineChart(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** A panel: a y label and its series. */
    public final class Panel {
        final String yLabel;
        final String unit;
        final List<String> names = new ArrayList<>();
        final List<double[]> series = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();

        Panel(String yLabel, String unit) {
            this.yLabel = yLabel;
            this.unit = unit;
        }

        /** @param name legend text @param values y values @param n how many count @return this panel */
        public Panel series(String name, double[] values, int n) {
            names.add(name);
            series.add(values);
            counts.add(n);
            return this;
        }
    }

    /** @param yLabel panel title @param unit "B" for bytes (scaled to KiB/MiB), else printed as is @return the panel */
    public Panel panel(String yLabel, String unit) {
        Panel p = new Panel(yLabel, unit);
        panels.add(p);
        return p;
    }

    /** Writes the PNG. @param file where @throws IOException when it cannot be written */
    public void write(Path file) throws IOException {
        int w = 1000;
        int ph = 220;
        int h = 50 + panels.size() * (ph + 30) + 20;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int top = 50;
        for (Panel p : panels) {
            drawPanel(g, p, 80, top, w - 110, ph);
            top += ph + 30;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(xLabel, w / 2 - 20, h - 8);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private void drawPanel(Graphics2D g, Panel p, int x0, int y0, int pw, int ph) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int n = 0;
        for (int s = 0; s < p.series.size(); s++) {
            double[] v = p.series.get(s);
            int c = p.counts.get(s);
            n = Math.max(n, c);
            for (int i = 0; i < c; i++) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
        }
        if (n == 0) {
            return;
        }
        boolean nonNegative = min >= 0;
        if (max - min < 1e-9) {
            double pad = Math.max("B".equals(p.unit) ? 1024 : 1, Math.abs(max) * 0.05);
            min -= pad;
            max += pad;
        }
        double span = max - min;
        min -= span * 0.05;
        max += span * 0.05;
        if (nonNegative && min < 0 && !(max - span * 0.05 - (min + span * 0.05) < 1e-9)) {
            min = 0; // times and sizes never go below zero: do not draw an axis that suggests they do
        }
        g.setColor(new Color(0xf4f4f4));
        g.fillRect(x0, y0, pw, ph);
        g.setColor(new Color(0xdddddd));
        for (int k = 0; k <= 4; k++) {
            int y = y0 + ph - k * ph / 4;
            g.drawLine(x0, y, x0 + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(min + (max - min) * k / 4, p.unit), 4, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.BLACK);
        g.drawString(p.yLabel, x0 + 4, y0 - 6);
        g.drawString(Integer.toString(n), x0 + pw - 20, y0 + ph + 14);
        g.drawString("1", x0, y0 + ph + 14);
        g.setStroke(new BasicStroke(1.6f));
        int lx = x0 + pw - 10;
        for (int s = p.series.size() - 1; s >= 0; s--) {
            double[] v = p.series.get(s);
            int c = p.counts.get(s);
            Color col = PALETTE[s % PALETTE.length];
            g.setColor(col);
            int px = -1;
            int py = -1;
            for (int i = 0; i < c; i++) {
                int x = x0 + (n == 1 ? pw / 2 : (int) ((long) i * pw / (n - 1)));
                int y = y0 + ph - (int) ((v[i] - min) / (max - min) * ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            String label = p.names.get(s);
            int tw = g.getFontMetrics().stringWidth(label);
            lx -= tw + 24;
            g.fillRect(lx, y0 - 16, 12, 4);
            g.drawString(label, lx + 16, y0 - 10);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static String format(double v, String unit) {
        if ("B".equals(unit)) {
            double a = Math.abs(v);
            if (a >= 1 << 20) {
                return String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20));
            }
            if (a >= 1 << 10) {
                return String.format(Locale.ROOT, "%.1f KiB", v / 1024);
            }
            return String.format(Locale.ROOT, "%.0f B", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f %s" : "%.2f %s", v, unit);
    }
}
