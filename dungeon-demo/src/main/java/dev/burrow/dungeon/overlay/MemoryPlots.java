package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.FrameClock;
import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;
import imgui.extension.implot.ImPlot;
import imgui.extension.implot.flag.ImPlotAxis;
import imgui.extension.implot.flag.ImPlotAxisFlags;
import imgui.extension.implot.flag.ImPlotCond;
import imgui.extension.implot.flag.ImPlotFlags;
import imgui.extension.implot.flag.ImPlotLegendFlags;
import imgui.extension.implot.flag.ImPlotLocation;
import imgui.type.ImBoolean;
import imgui.type.ImDouble;

/**
 * The overlay's history: the last {@value #HISTORY} frames of frame time, native bytes by allocator, process memory
 * (Java heap used and committed, RSS), Java heap allocated per frame and the GC count, sampled every frame and
 * plotted (ImPlot) only while their section is open.
 *
 * <p>Axes read plainly: sizes in KiB, every y axis starting at 0 (no negative bytes), counts with whole-number ticks
 * (no "2.5 collections"). Each line merges {@value #BUCKET} frames per point, keeping the largest, so a one-frame
 * spike still shows while a sixth of the line segments are drawn (every segment is two triangles to rasterise). Pause freezes the history; while paused the
 * plots can be zoomed and dragged, and a cursor (drag it in any plot, or use the slider) reads out every series at
 * one frame.</p>
 */
final class MemoryPlots {
    static final int HISTORY = 600;
    static final int BUCKET = 6;
    private static final float KIB = 1024f;
    private static final int LIVE_FLAGS = ImPlotFlags.NoMenus | ImPlotFlags.NoBoxSelect | ImPlotFlags.NoInputs | ImPlotFlags.NoMouseText;
    private static final int PAUSED_FLAGS = ImPlotFlags.NoMenus | ImPlotFlags.NoBoxSelect;

    private final FloatRing frameMs = new FloatRing(HISTORY);
    private final FloatRing heapPerFrame = new FloatRing(HISTORY);
    private final FloatRing gcCount = new FloatRing(HISTORY);
    private final FloatRing frameKib = new FloatRing(HISTORY);
    private final FloatRing poolKib = new FloatRing(HISTORY);
    private final FloatRing groupKib = new FloatRing(HISTORY);
    private final FloatRing nativeKib = new FloatRing(HISTORY);
    private final FloatRing heapUsedKib = new FloatRing(HISTORY);
    private final FloatRing heapCommittedKib = new FloatRing(HISTORY);
    private final FloatRing rssKib = new FloatRing(HISTORY);
    private final ImBoolean paused = new ImBoolean(false);
    private final ImDouble cursor = new ImDouble();
    private final int[] scrub = new int[1];
    private final Plot[] plots = {
        new Plot("frame time", "ms", false, false, new String[] {"ms"}, frameMs),
        new Plot("native held, KiB", "KiB", true, false, new String[] {"total", "frame", "pools", "groups"},
            nativeKib, frameKib, poolKib, groupKib),
        new Plot("process, KiB", "KiB", true, false, new String[] {"RSS", "heap committed", "heap used"},
            rssKib, heapCommittedKib, heapUsedKib),
        new Plot("Java heap allocated per frame, B", "B", true, false, new String[] {"B"}, heapPerFrame),
        new Plot("GC count", "GCs", true, true, new String[] {"GCs"}, gcCount),
    };

    /** Records this frame's figures (nothing while paused). */
    void sample(FrameClock clock, MemorySnapshot snap, long heapUsed, long heapCommitted, long rss) {
        if (paused.get()) {
            return;
        }
        frameMs.add(clock.lastMs());
        heapPerFrame.add(clock.lastHeapBytes());
        gcCount.add(clock.gcCount());
        frameKib.add(snap.frameBytes() / KIB);
        poolKib.add(snap.poolBytes() / KIB);
        groupKib.add(snap.groupBytes() / KIB);
        nativeKib.add(snap.nativeBytes() / KIB);
        heapUsedKib.add(heapUsed / KIB);
        heapCommittedKib.add(heapCommitted / KIB);
        rssKib.add(Math.max(0, rss) / KIB);
    }

    /** @return whether the history is frozen */
    boolean paused() {
        return paused.get();
    }

    /** Draws the pause control, the cursor read-out and the plots, {@code width} pixels wide. */
    void draw(float width) {
        if (ImGui.checkbox("pause", paused) && paused.get()) {
            scrub[0] = frameMs.size() - 1;
        }
        boolean frozen = paused.get();
        long first = frameMs.firstFrame();
        if (frozen) {
            ImGui.sameLine();
            ImGui.setNextItemWidth(width - 90);
            ImGui.sliderInt("##scrub", scrub, 0, Math.max(0, frameMs.size() - 1));
            cursor.set(first + scrub[0]);
            readout(first + scrub[0], scrub[0]);
        } else {
            ImGui.sameLine();
            ImGui.textUnformatted("(then zoom, drag, read one frame)");
        }
        for (Plot p : plots) {
            p.draw(width, frozen, first, cursor);
        }
        if (frozen) {
            scrub[0] = (int) Math.max(0, Math.min(frameMs.size() - 1, Math.round(cursor.get() - first)));
        }
    }

    private void readout(long frame, int i) {
        if (frameMs.size() == 0) {
            return;
        }
        Figures.label("frame ");
        Figures.count(frame);
        ImGui.sameLine();
        Figures.ms(frameMs.sample(i));
        ImGui.sameLine();
        Figures.label("native ");
        Figures.kib((long) (nativeKib.sample(i) * KIB));
        Figures.label("heap used ");
        Figures.kib((long) (heapUsedKib.sample(i) * KIB));
        ImGui.sameLine();
        Figures.label("RSS ");
        Figures.kib((long) (rssKib.sample(i) * KIB));
        Figures.label("allocated ");
        Figures.bytes((long) heapPerFrame.sample(i));
        ImGui.sameLine();
        Figures.label("GCs ");
        Figures.count((long) gcCount.sample(i));
    }

    /** One plot: a title, a unit, its series and how its y axis reads. */
    private static final class Plot {
        final String title;
        final String unit;
        final boolean whole;
        final boolean fromMin;
        final String[] labels;
        final FloatRing[] series;

        /**
         * @param whole whole-number ticks (counts, KiB) rather than tenths (times)
         * @param fromMin the y axis starts at the smallest value held, not 0 (a cumulative count)
         */
        Plot(String title, String unit, boolean whole, boolean fromMin, String[] labels, FloatRing... series) {
            this.title = title;
            this.unit = unit;
            this.whole = whole;
            this.fromMin = fromMin;
            this.labels = labels;
            this.series = series;
        }

        void draw(float width, boolean frozen, long first, ImDouble cursor) {
            boolean legend = series.length > 1;
            int flags = (frozen ? PAUSED_FLAGS : LIVE_FLAGS) | (legend ? 0 : ImPlotFlags.NoLegend);
            if (!ImPlot.beginPlot(title, width, legend ? 150 : 90, flags)) {
                return;
            }
            ImPlot.setupAxes("##frame", unit, ImPlotAxisFlags.NoLabel, ImPlotAxisFlags.NoLabel);
            if (legend) {
                ImPlot.setupLegend(ImPlotLocation.North, ImPlotLegendFlags.Horizontal | ImPlotLegendFlags.Outside);
            }
            if (!frozen) {
                // Live: the window of frames and 0..max are set every frame; paused, the user's zoom and drag stand.
                ImPlot.setupAxisLimits(ImPlotAxis.X1, first, first + HISTORY, ImPlotCond.Always);
                float lo = fromMin ? series[0].min() : 0;
                float hi = lo;
                for (FloatRing r : series) {
                    hi = Math.max(hi, r.max());
                }
                if (whole) {
                    wholeTicks(lo, Math.max(hi, lo + 1));
                } else {
                    ImPlot.setupAxisLimits(ImPlotAxis.Y1, 0, Math.max(hi, 1f) * 1.15, ImPlotCond.Always);
                }
            }
            ImPlot.setupAxisFormat(ImPlotAxis.X1, "%.0f");
            ImPlot.setupAxisFormat(ImPlotAxis.Y1, whole || series[0].max() >= 20 ? "%.0f" : "%.1f");
            for (int i = 0; i < series.length; i++) {
                int n = series[i].unroll(BUCKET);
                if (n > 0) {
                    ImPlot.plotLine(labels[i], series[i].xs(), series[i].ys(), n);
                }
            }
            if (frozen) {
                ImPlot.dragLineX(0, cursor, 1f, 1f, 1f, 0.8f);
            }
            ImPlot.endPlot();
        }
    }

    /** Y from {@code lo} to a whole number at or above {@code hi}, with at most five whole-number ticks. */
    private static void wholeTicks(float lo, float hi) {
        double bottom = Math.floor(lo);
        double range = Math.max(1, Math.ceil(hi) - bottom);
        double step = Math.ceil(range / 4);
        int ticks = (int) Math.ceil(range / step) + 1;
        double top = bottom + step * (ticks - 1);
        ImPlot.setupAxisLimits(ImPlotAxis.Y1, bottom, top + step * 0.15, ImPlotCond.Always);
        ImPlot.setupAxisTicks(ImPlotAxis.Y1, bottom, top, ticks);
    }
}
