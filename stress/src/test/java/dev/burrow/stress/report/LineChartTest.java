package dev.burrow.stress.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class LineChartTest {

    private static String labels(double[] t, LineChart.Unit unit) {
        return String.join(" | ", Arrays.stream(t).mapToObj(v -> LineChart.label(v, unit, t)).toArray(String[]::new));
    }

    @Test
    void byteTicksAreRoundStepsOfABinaryUnit() {
        double[] t = LineChart.ticks(0, 330.0 * (1 << 20), LineChart.Unit.BYTES);
        assertEquals("0 MiB | 100 MiB | 200 MiB | 300 MiB | 400 MiB", labels(t, LineChart.Unit.BYTES));
        t = LineChart.ticks(3000, 60_000, LineChart.Unit.BYTES);
        assertEquals("0 KiB | 20 KiB | 40 KiB | 60 KiB", labels(t, LineChart.Unit.BYTES));
    }

    @Test
    void smallGrowthFarFromZeroIsLabelledAsOffsets() {
        double base = 330.0 * (1 << 20);
        double[] t = LineChart.ticks(base, base + 64 * 1024, LineChart.Unit.BYTES);
        assertEquals(base, t[0], "the first tick is the baseline itself, a round number of KiB");
        assertEquals("330.00 MiB | +20 KiB | +40 KiB | +60 KiB | +80 KiB", labels(t, LineChart.Unit.BYTES));
    }

    @Test
    void aFlatSeriesGetsAWindowAroundIt() {
        double[] t = LineChart.ticks(1_114_112, 1_114_112, LineChart.Unit.BYTES);
        assertTrue(t[0] < 1_114_112 && t[t.length - 1] > 1_114_112, Arrays.toString(t));
        double stepKiB = (t[1] - t[0]) / 1024;
        assertTrue(stepKiB == 0.2 || stepKiB == 0.5 || stepKiB == 1, "1-2-5 steps of KiB: " + stepKiB);
        assertTrue(LineChart.label(t[1], LineChart.Unit.BYTES, t).endsWith(" KiB"), LineChart.label(t[1], LineChart.Unit.BYTES, t));
    }

    @Test
    void millisecondsAndCountsUseOneTwoFiveSteps() {
        assertEquals("0.0 ms | 0.2 ms | 0.4 ms | 0.6 ms | 0.8 ms", labels(LineChart.ticks(0.11, 0.75, LineChart.Unit.MS), LineChart.Unit.MS));
        assertEquals("0 | 100 | 200 | 300 | 400 | 500", labels(LineChart.ticks(0, 500, LineChart.Unit.COUNT), LineChart.Unit.COUNT));
        assertEquals("1 | 2 | 3", labels(LineChart.ticks(1, 3, LineChart.Unit.COUNT), LineChart.Unit.COUNT));
    }

    @Test
    void writesOnePanelPerQuantityWithThresholdsAndMarkers(@TempDir Path dir) throws Exception {
        int n = 200_000; // more points than pixels: drawn as min/max per column
        double[] rss = new double[n];
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            rss[i] = 330.0 * (1 << 20) + (i > n / 2 ? 65536 : 0);
            ms[i] = i % 7 == 0 ? Double.NaN : 0.4;
        }
        LineChart c = new LineChart("test", "cycle", 1).marker(10, "warm-up ends");
        c.panel("RSS", LineChart.Unit.BYTES).series("RSS", rss, n).threshold(rss[9] + (4 << 20), "limit: +4 MiB");
        c.panel("time", LineChart.Unit.MS).series("ms", ms, n).threshold(0.5, "budget");
        Path png = dir.resolve("c.png");
        c.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertTrue(img.getHeight() > 2 * 150, "two panels");
    }
}
