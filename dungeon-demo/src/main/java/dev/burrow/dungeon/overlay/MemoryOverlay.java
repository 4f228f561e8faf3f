package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.FrameClock;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.Severity;
import imgui.ImGui;
import imgui.extension.implot.ImPlot;
import imgui.extension.implot.flag.ImPlotAxisFlags;
import imgui.extension.implot.flag.ImPlotFlags;
import imgui.flag.ImGuiCol;
import imgui.flag.ImGuiCond;
import imgui.flag.ImGuiTreeNodeFlags;
import imgui.flag.ImGuiWindowFlags;

/**
 * The live memory overlay: reads one {@link MemorySnapshot} per frame (refilled in place) and draws allocators,
 * tags with budget bars, the frame arena, pools, level groups (and the moment one closes), 600-frame plots, the
 * latest diagnostics, and buttons (regenerate, debug level, full GC, dump JSON). It never reaches into the
 * allocators, and it allocates no Java heap per frame: labels come from {@link Labels}, names from the snapshot.
 */
public final class MemoryOverlay implements AutoCloseable {
    static final int HISTORY = 600;
    /** Pixels the memory panel takes on the right (the map keeps the player left of it). */
    public static final int PANEL_WIDTH = 480;
    private static final float WIDTH = PANEL_WIDTH - 10;
    private static final int AUTOFIT = ImPlotAxisFlags.AutoFit;
    private static final String[] DEBUG_NAMES = {"OFF", "SIMPLE", "PARANOID"};

    private final EngineMemory mem;
    private final ImGuiLayer imgui;
    private final HudPanel hud;
    private MemorySnapshot snap;
    private final FloatRing frameMs = new FloatRing(HISTORY);
    private final FloatRing heapPerFrame = new FloatRing(HISTORY);
    private final FloatRing gcCount = new FloatRing(HISTORY);
    private final FloatRing frameBytes = new FloatRing(HISTORY);
    private final FloatRing poolBytes = new FloatRing(HISTORY);
    private final FloatRing groupBytes = new FloatRing(HISTORY);
    private final FloatRing nativeBytes = new FloatRing(HISTORY);
    private boolean visible = true;
    private boolean regenerateRequested;
    private String dumped;

    /**
     * @param mem the engine whose snapshot is shown
     * @param window the GLFW window
     * @param hud the game's or arena's panel, drawn beside the memory panels
     */
    public MemoryOverlay(EngineMemory mem, long window, HudPanel hud) {
        this.mem = mem;
        this.imgui = new ImGuiLayer(window);
        this.hud = hud;
        this.snap = mem.snapshot();
    }

    /** F1. */
    public void toggle() {
        visible = !visible;
    }

    /** @return whether the overlay is shown */
    public boolean visible() {
        return visible;
    }

    /** @return whether the "Regenerate level" button was pressed since the last call */
    public boolean takeRegenerateRequest() {
        boolean r = regenerateRequested;
        regenerateRequested = false;
        return r;
    }

    /**
     * @param framebufferWidth the window's framebuffer width
     * @return pixels the overlay occupies, docked at the right edge over the full height (0 when hidden); the game
     *         lays its screen out in the rest
     */
    public float dockedWidth(int framebufferWidth) {
        return visible ? Math.min(PANEL_WIDTH, framebufferWidth * 2 / 5) : 0;
    }

    /** @return whether ImGui is typing into a widget (the game should ignore keys) */
    public boolean wantsKeyboard() {
        return imgui.wantsKeyboard();
    }

    /**
     * Samples this frame's figures and draws the overlay (if visible) on top of what is rendered.
     *
     * @param clock frame figures so far
     * @param width framebuffer width
     * @param height framebuffer height
     */
    public void frame(FrameClock clock, int width, int height) {
        snap = mem.snapshot(snap);
        frameMs.add(clock.lastMs());
        heapPerFrame.add(clock.lastHeapBytes());
        gcCount.add(clock.gcCount());
        frameBytes.add(snap.frameBytes());
        poolBytes.add(snap.poolBytes());
        groupBytes.add(snap.groupBytes());
        nativeBytes.add(snap.nativeBytes());
        imgui.newFrame();
        hud.draw(snap, clock);
        if (visible) {
            float docked = dockedWidth(width);
            ImGui.setNextWindowPos(width - docked, 0, ImGuiCond.Always);
            ImGui.setNextWindowSize(docked, height, ImGuiCond.Always);
            ImGui.setNextWindowBgAlpha(0.88f);
            if (ImGui.begin("Burrow memory (F1)", ImGuiWindowFlags.NoFocusOnAppearing | ImGuiWindowFlags.NoMove
                | ImGuiWindowFlags.NoResize | ImGuiWindowFlags.NoCollapse)) {
                summary(clock);
                buttons();
                if (ImGui.collapsingHeader("Level groups", ImGuiTreeNodeFlags.DefaultOpen)) {
                    groups();
                }
                if (ImGui.collapsingHeader("Frame arenas", ImGuiTreeNodeFlags.DefaultOpen)) {
                    frames();
                }
                if (ImGui.collapsingHeader("Pools", ImGuiTreeNodeFlags.DefaultOpen)) {
                    pools();
                }
                if (ImGui.collapsingHeader("Tags and budgets", ImGuiTreeNodeFlags.DefaultOpen)) {
                    tags();
                }
                if (ImGui.collapsingHeader("Diagnostics", ImGuiTreeNodeFlags.DefaultOpen)) {
                    diagnostics();
                }
                if (ImGui.collapsingHeader("Plots (last 600 frames)", ImGuiTreeNodeFlags.DefaultOpen)) {
                    plots();
                }
            }
            ImGui.end();
        }
        imgui.render();
    }

    private void summary(FrameClock clock) {
        ImGui.textUnformatted("heap ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(snap.allocator());
        ImGui.sameLine();
        ImGui.textUnformatted("debug ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(DEBUG_NAMES[snap.debug().ordinal()]);
        ImGui.sameLine();
        ImGui.textUnformatted(snap.strict() ? "strict" : "lenient");
        size("native live ", snap.nativeBytes());
        ImGui.sameLine();
        size("  peak ", snap.nativePeakBytes());
        ImGui.textUnformatted("blocks ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(snap.nativeBlocks()));
        ImGui.sameLine();
        ImGui.textUnformatted("  frame ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.tenths(clock.lastMs()));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.MS);
        ImGui.textUnformatted("Java heap this frame ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(clock.lastHeapBytes()));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(" B   GCs ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(clock.gcCount()));
        long total = Math.max(1, snap.frameBytes() + snap.poolBytes() + snap.groupBytes());
        allocatorBar("frame ", snap.frameBytes(), total);
        allocatorBar("pools ", snap.poolBytes(), total);
        allocatorBar("groups", snap.groupBytes(), total);
    }

    private static void allocatorBar(String name, long bytes, long total) {
        ImGui.textUnformatted(name);
        ImGui.sameLine();
        ImGui.progressBar((float) bytes / total, 200, 0, "");
        ImGui.sameLine();
        ImGui.textUnformatted(Labels.sizeNumber(bytes));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.sizeUnit(bytes));
    }

    private void buttons() {
        if (ImGui.button("Regenerate level")) {
            regenerateRequested = true;
        }
        ImGui.sameLine();
        if (ImGui.button("Full GC")) {
            System.gc();
        }
        ImGui.sameLine();
        if (ImGui.button("Dump snapshot JSON")) {
            dumped = dump();
        }
        ImGui.textUnformatted("debug level:");
        for (int i = 0; i < DEBUG_NAMES.length; i++) {
            ImGui.sameLine();
            if (ImGui.radioButton(DEBUG_NAMES[i], mem.debugLevel().ordinal() == i)) {
                mem.debugLevel(DebugLevel.values()[i]);
            }
        }
        if (mem.debugLevel() != snap.debug()) {
            ImGui.textUnformatted("(applies to what is created from now on: press R)");
        }
        if (dumped != null) {
            ImGui.textUnformatted(dumped);
        }
    }

    /** Button handler, not per frame: allocating here is fine. */
    private String dump() {
        String name = "burrow-snapshot-" + System.currentTimeMillis() + ".json";
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(name), snap.toJson());
            return "wrote " + java.nio.file.Path.of(name).toAbsolutePath();
        } catch (java.io.IOException | SecurityException e) {
            return "cannot write " + name + ": " + e.getMessage();
        }
    }

    private void plots() {
        line("frame time", "ms", frameMs, null, null, null);
        line("native bytes by allocator", "bytes", frameBytes, poolBytes, groupBytes, nativeBytes);
        line("Java heap allocated per frame", "bytes", heapPerFrame, null, null, null);
        line("GC count", "collections", gcCount, null, null, null);
    }

    private static void line(String title, String yLabel, FloatRing a, FloatRing b, FloatRing c, FloatRing d) {
        if (ImPlot.beginPlot(title, WIDTH - 30, 110, ImPlotFlags.NoMenus | ImPlotFlags.NoBoxSelect | ImPlotFlags.NoLegend)) {
            ImPlot.setupAxes("frame", yLabel, AUTOFIT, AUTOFIT);
            plot(b == null ? yLabel : "frame", a);
            if (b != null) {
                plot("pools", b);
                plot("groups", c);
                plot("total", d);
            }
            ImPlot.endPlot();
        }
    }

    private static void plot(String label, FloatRing r) {
        int n = r.unroll();
        if (n > 0) {
            ImPlot.plotLine(label, r.xs(), r.ys(), n);
        }
    }

    private void tags() {
        for (int i = 0; i < snap.tagCount(); i++) {
            MemorySnapshot.TagStats t = snap.tag(i);
            ImGui.textUnformatted(t.name());
            ImGui.sameLine(170);
            size("", t.liveBytes());
            ImGui.sameLine(270);
            size("peak ", t.peakBytes());
            if (t.hasBudget()) {
                long limit = t.hardBytes() != Long.MAX_VALUE ? t.hardBytes() : t.softBytes();
                float f = (float) t.liveBytes() / Math.max(1, limit);
                boolean overSoft = t.liveBytes() > t.softBytes();
                boolean nearHard = t.hardBytes() != Long.MAX_VALUE && t.liveBytes() > t.hardBytes() * 0.9;
                ImGui.pushStyleColor(ImGuiCol.PlotHistogram, nearHard ? 0.9f : overSoft ? 0.95f : 0.3f,
                    nearHard ? 0.2f : overSoft ? 0.75f : 0.75f, nearHard ? 0.2f : overSoft ? 0.1f : 0.35f, 1f);
                ImGui.progressBar(Math.min(1f, f), WIDTH - 190, 0, "");
                ImGui.popStyleColor();
                ImGui.sameLine();
                size("soft ", t.softBytes() == Long.MAX_VALUE ? 0 : t.softBytes());
                ImGui.sameLine();
                size("hard ", t.hardBytes() == Long.MAX_VALUE ? 0 : t.hardBytes());
            }
        }
    }

    private void frames() {
        for (int i = 0; i < snap.frameCount(); i++) {
            MemorySnapshot.FrameStats f = snap.frame(i);
            ImGui.textUnformatted(f.thread());
            size("  used ", f.usedBytes());
            ImGui.sameLine();
            size("high water ", f.highWaterBytes());
            ImGui.sameLine();
            ImGui.textUnformatted("overflows ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(f.overflows()));
            ImGui.progressBar((float) f.highWaterBytes() / Math.max(1, f.capacityBytes()), WIDTH - 130, 0, "");
            ImGui.sameLine();
            size("of ", f.capacityBytes());
        }
    }

    private void pools() {
        if (snap.poolCount() == 0) {
            ImGui.textUnformatted("(none open)");
        }
        for (int i = 0; i < snap.poolCount(); i++) {
            MemorySnapshot.PoolStats p = snap.pool(i);
            ImGui.textUnformatted(p.name());
            ImGui.sameLine(170);
            ImGui.textUnformatted(Labels.of(p.live()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" / ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(p.capacity()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" slots, slabs ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(p.slabs()));
            ImGui.progressBar((float) p.live() / Math.max(1, p.capacity()), WIDTH - 130, 0, "");
            ImGui.sameLine();
            ImGui.textUnformatted("reuse ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(Math.round(p.reuseRate() * 100)));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted("%");
        }
    }

    private void groups() {
        for (int i = 0; i < snap.groupCount(); i++) {
            MemorySnapshot.GroupStats g = snap.group(i);
            ImGui.textUnformatted(g.name());
            ImGui.sameLine(170);
            size("", g.bytes());
            ImGui.sameLine(270);
            size("in ", g.reservedBytes());
            ImGui.sameLine();
            ImGui.textUnformatted(Labels.of(g.chunks()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" chunks");
        }
        ImGui.textUnformatted("closed so far: ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(snap.groupsClosed()));
        if (snap.lastClosedGroup() != null) {
            double ago = (snap.takenAtNanos() - snap.lastClosedGroupAtNanos()) / 1e9;
            boolean fresh = ago < 2.0;
            if (fresh) {
                ImGui.pushStyleColor(ImGuiCol.Text, 1f, 0.85f, 0.3f, 1f);
            }
            ImGui.textUnformatted(fresh ? "just closed: " : "last closed: ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(snap.lastClosedGroup());
            ImGui.sameLine();
            size("freed ", snap.lastClosedGroupBytes());
            ImGui.sameLine();
            ImGui.textUnformatted(Labels.tenths(ago));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" s ago");
            if (fresh) {
                ImGui.popStyleColor();
            }
        }
    }

    private void diagnostics() {
        long errors = snap.diagnosticsTotal(Severity.ERROR);
        long warnings = snap.diagnosticsTotal(Severity.WARNING) - errors;
        ImGui.textUnformatted("errors ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(errors));
        ImGui.sameLine();
        ImGui.textUnformatted("warnings ");
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(warnings));
        for (DiagnosticCode c : CODES) {
            long n = snap.diagnostics(c);
            if (n > 0) {
                ImGui.textUnformatted(c.name());
                ImGui.sameLine(0, 0);
                ImGui.textUnformatted(" x");
                ImGui.sameLine(0, 0);
                ImGui.textUnformatted(Labels.of(n));
                ImGui.sameLine();
                ImGui.textUnformatted(c.meaning());
            }
        }
        int shown = 0;
        for (int i = snap.recentDiagnosticCount() - 1; i >= 0 && shown < 6; i--, shown++) {
            ImGui.pushTextWrapPos(WIDTH - 20);
            ImGui.textUnformatted(snap.recentDiagnostic(i));
            ImGui.popTextWrapPos();
        }
    }

    private static final DiagnosticCode[] CODES = DiagnosticCode.values();

    private static void size(String label, long bytes) {
        if (!label.isEmpty()) {
            ImGui.textUnformatted(label);
            ImGui.sameLine(0, 0);
        }
        ImGui.textUnformatted(Labels.sizeNumber(bytes));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.sizeUnit(bytes));
    }

    @Override
    public void close() {
        imgui.close();
    }
}
