package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.FrameClock;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;
import imgui.extension.implot.ImPlot;
import imgui.extension.implot.flag.ImPlotCol;
import imgui.flag.ImGuiComboFlags;
import imgui.flag.ImGuiCond;
import imgui.flag.ImGuiTreeNodeFlags;
import imgui.flag.ImGuiWindowFlags;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * The live memory overlay, docked to the right edge of the window at full height ({@link #dockedWidth}); the host
 * lays its own screen out left of it. It reads one {@link MemorySnapshot} per frame (refilled in place) and shows
 * native memory next to the Java heap (used and committed) and RSS; the frame arenas, pools (with what compaction
 * gave back), level groups and size-class heaps each with a bar of what is used against what is held; each thread's
 * frame phases, budget and promotions; LWJGL's memory and the heaps; streaming budgets with their resident entries;
 * tags with their budgets; diagnostics; the host's sections;
 * 600-frame plots that can be paused and scrubbed; and a comparison of the live snapshot with a saved one. Buttons
 * save a snapshot (a timestamped JSON file), run a full GC, switch the debug level and (in the game) regenerate.
 *
 * <p>What it costs was measured on llvmpipe, where filling pixels dominates: so the panel is cheap to draw rather
 * than cheap to compute. It paints no background of its own when the host clears that strip
 * ({@link #paintsBackground(boolean)}), shows figures in few glyphs, draws bars 8 pixels high, leaves the plots and
 * the long lists closed until opened, and does no ImGui work at all when hidden and the host has no ImGui panel.
 * It allocates no Java heap per frame: labels come from {@link Labels} tables, names from the snapshot, plots read
 * primitive rings.</p>
 */
public final class MemoryOverlay implements AutoCloseable {
    /** Widest the docked panel gets, in pixels. */
    public static final int PANEL_WIDTH = 480;
    /** Narrowest it gets (unless the window is narrower than twice this). */
    public static final int MIN_PANEL_WIDTH = 320;
    private static final String[] DEBUG_NAMES = {"OFF", "SIMPLE", "PARANOID"};
    private static final DebugLevel[] LEVELS = DebugLevel.values();
    private static final int PANEL_FLAGS = ImGuiWindowFlags.NoTitleBar | ImGuiWindowFlags.NoResize | ImGuiWindowFlags.NoMove
        | ImGuiWindowFlags.NoCollapse | ImGuiWindowFlags.NoSavedSettings | ImGuiWindowFlags.NoFocusOnAppearing
        | ImGuiWindowFlags.NoBringToFrontOnFocus;
    private static final int RSS_EVERY = 30;

    private final EngineMemory mem;
    private final ImGuiLayer imgui;
    private final HudPanel hud;
    private OverlaySection[] sections = new OverlaySection[0];
    private MemorySnapshot snap;
    private final MemoryPlots plots = new MemoryPlots();
    private final SnapshotFiles files = new SnapshotFiles(Path.of("").toAbsolutePath());
    private final SnapshotCompare compare = new SnapshotCompare(files);
    private boolean visible = true;
    private boolean paintsBackground = true;
    private boolean regenerateButton = true;
    private boolean regenerateRequested;
    private String[] openAtStart = new String[0];
    private String saved;
    private long heapUsed;
    private long heapCommitted;
    private long rss = -1;
    private long frames;
    private long lastCpuNanos;
    private int lastVertices;
    private int lastDrawCalls;

    /**
     * @param mem the engine whose snapshot is shown
     * @param window the GLFW window
     * @param hud the game's ImGui panel, drawn every frame even with the memory panel hidden; null when the host
     *            draws its screen itself
     */
    public MemoryOverlay(EngineMemory mem, long window, HudPanel hud) {
        this.mem = mem;
        this.imgui = new ImGuiLayer(window);
        this.hud = hud;
        this.snap = mem.snapshot();
    }

    /** Adds a collapsible section of the host's (drawn after the level groups). Setup only. */
    public void section(OverlaySection s) {
        OverlaySection[] a = java.util.Arrays.copyOf(sections, sections.length + 1);
        a[sections.length] = s;
        sections = a;
    }

    /**
     * Whether the panel paints its own (opaque) background. Hosts that draw nothing in the docked strip and clear it
     * anyway (the arena: its map stops at the dock and the frame starts with a clear) turn it off: filling 480 x 720
     * pixels costs milliseconds on a software rasteriser.
     */
    public void paintsBackground(boolean on) {
        paintsBackground = on;
    }

    /** Whether to offer the "Regenerate level" button (the game's; the arena has no levels to regenerate). */
    public void regenerateButton(boolean on) {
        regenerateButton = on;
    }

    /**
     * Opens sections on the first frame (for scripted screenshots and for a developer's usual layout).
     *
     * @param titles section titles, or their first words in lower case ("plots", "compare", "tags" ...)
     */
    public void openAtStart(String... titles) {
        openAtStart = titles.clone();
    }

    /**
     * Loads a saved snapshot into the comparison section (and opens it), as if picked there.
     *
     * @param file a {@code burrow-snapshot-*.json}
     * @return null when loaded, else one line saying why not (also shown in the section)
     */
    public String compareWith(Path file) {
        openAtStart = java.util.Arrays.copyOf(openAtStart, openAtStart.length + 1);
        openAtStart[openAtStart.length - 1] = "compare";
        return compare.load(file);
    }

    /** F1. */
    public void toggle() {
        visible = !visible;
    }

    /** @param shown whether the memory panel shows */
    public void visible(boolean shown) {
        visible = shown;
    }

    /** @return whether the memory panel shows */
    public boolean visible() {
        return visible;
    }

    /**
     * @param framebufferWidth the window's framebuffer width in pixels
     * @return pixels the docked panel occupies at the right edge, full height: 0 when hidden, else 37.5% of the
     *     width between {@link #MIN_PANEL_WIDTH} and {@link #PANEL_WIDTH}, and never more than half the window
     */
    public float dockedWidth(int framebufferWidth) {
        if (!visible || framebufferWidth <= 0) {
            return 0;
        }
        float w = Math.max(MIN_PANEL_WIDTH, Math.min(PANEL_WIDTH, Math.round(framebufferWidth * 0.375f)));
        return Math.min(w, framebufferWidth / 2f);
    }

    /** @return whether the "Regenerate level" button was pressed since the last call */
    public boolean takeRegenerateRequest() {
        boolean r = regenerateRequested;
        regenerateRequested = false;
        return r;
    }

    /** @return whether ImGui is typing into a widget (the game should ignore keys) */
    public boolean wantsKeyboard() {
        return imgui.wantsKeyboard();
    }

    /** @return ImGui vertices drawn last frame (0 when nothing was drawn) */
    public int lastVertices() {
        return lastVertices;
    }

    /** @return ImGui draw calls issued last frame */
    public int lastDrawCalls() {
        return lastDrawCalls;
    }

    /**
     * Samples this frame's figures and draws the overlay (if visible) on top of what is rendered.
     *
     * @param clock frame figures so far
     * @param width framebuffer width
     * @param height framebuffer height
     */
    public void frame(FrameClock clock, int width, int height) {
        long t0 = System.nanoTime();
        snap = mem.snapshot(snap);
        Runtime rt = Runtime.getRuntime();
        heapCommitted = rt.totalMemory();
        heapUsed = heapCommitted - rt.freeMemory();
        if (frames++ % RSS_EVERY == 0) {
            rss = ProcessMemory.rssBytes();
        }
        plots.sample(clock, snap, heapUsed, heapCommitted, rss);
        if (!visible && hud == null) {
            lastVertices = 0;
            lastDrawCalls = 0;
            lastCpuNanos = System.nanoTime() - t0;
            return;
        }
        imgui.newFrame(width, height);
        if (hud != null) {
            hud.draw(snap, clock);
        }
        if (visible) {
            panel(clock, width, height);
        }
        imgui.render();
        lastVertices = imgui.vertices();
        lastDrawCalls = imgui.drawCalls();
        lastCpuNanos = System.nanoTime() - t0;
    }

    private void panel(FrameClock clock, int width, int height) {
        float scale = Math.max(0.01f, ImGui.getIO().getDisplayFramebufferScaleX());
        float w = dockedWidth(width) / scale;
        ImGui.setNextWindowPos(width / scale - w, 0, ImGuiCond.Always);
        ImGui.setNextWindowSize(w, height / scale, ImGuiCond.Always);
        if (ImGui.begin("Burrow memory", PANEL_FLAGS | (paintsBackground ? 0 : ImGuiWindowFlags.NoBackground))) {
            header(clock);
            AllocatorSections.allocators(snap);
            buttons();
            if (open("Frame arenas", false)) { // the "frames" line above sums them; per thread on demand
                AllocatorSections.frames(snap);
            }
            if (open("Phases per thread", false)) {
                PhaseSection.draw(snap);
            }
            if (open("Pools", true)) {
                AllocatorSections.pools(snap);
            }
            if (open("Level groups", true)) {
                AllocatorSections.groups(snap);
            }
            if (open("Native outside the allocators", false)) {
                NativeSection.draw(snap);
            }
            if (open("Streaming budgets", false)) {
                StreamingSection.draw(snap);
            }
            for (OverlaySection s : sections) {
                if (open(s.title(), true)) {
                    s.draw(snap);
                }
            }
            if (open("Tags and budgets", false)) {
                AllocatorSections.tags(snap);
            }
            if (open("Diagnostics", true)) {
                AllocatorSections.diagnostics(snap);
            }
            if (open("Plots, last 600 frames", false)) {
                ImPlot.pushStyleColor(ImPlotCol.FrameBg, 0);
                ImPlot.pushStyleColor(ImPlotCol.PlotBg, 0);
                plots.draw(ImGui.getContentRegionAvailX());
                ImPlot.popStyleColor(2);
            }
            if (open("Compare with a saved snapshot", false)) {
                compare.draw(snap);
            }
        }
        ImGui.end();
    }

    /** A section heading: an unframed tree node (no filled header bar to rasterise), no indent. */
    private boolean open(String title, boolean byDefault) {
        ImGui.separator();
        if (frames <= 2 && asked(title)) {
            ImGui.setNextItemOpen(true, ImGuiCond.Once);
        }
        return ImGui.treeNodeEx(title, ImGuiTreeNodeFlags.NoTreePushOnOpen | (byDefault ? ImGuiTreeNodeFlags.DefaultOpen : 0));
    }

    /** Setup-time only (the first frames): compares a few short strings. */
    private boolean asked(String title) {
        for (String t : openAtStart) {
            if (t.equals("all") || title.regionMatches(true, 0, t, 0, t.length())) {
                return true;
            }
        }
        return false;
    }

    private void header(FrameClock clock) {
        ImGui.textUnformatted("Burrow memory (F1)");
        ImGui.sameLine(0, 18);
        AllocatorSections.dim();
        Figures.label("overlay CPU ");
        Figures.ms(lastCpuNanos / 1e6);
        ImGui.sameLine(0, 0);
        Figures.label(", ");
        Figures.count(lastVertices);
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(" vtx");
        ImGui.popStyleColor();
        ImGui.textUnformatted(snap.allocator());
        ImGui.sameLine();
        ImGui.textUnformatted(DEBUG_NAMES[snap.debug().ordinal()]);
        ImGui.sameLine();
        ImGui.textUnformatted(snap.strict() ? "strict" : "lenient");
        ImGui.sameLine();
        Figures.label("frame ");
        Figures.ms(clock.lastMs());
        ImGui.sameLine();
        Figures.label("allocated ");
        Figures.bytes(clock.lastHeapBytes());
        ImGui.sameLine();
        Figures.label("GCs ");
        Figures.count(clock.gcCount());
        Figures.label("native    ");
        Figures.kib(snap.nativeBytes());
        ImGui.sameLine();
        Figures.label("peak ");
        Figures.kib(snap.nativePeakBytes());
        ImGui.sameLine();
        Figures.count(snap.nativeBlocks());
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(" blocks");
        Figures.label("Java heap ");
        Figures.kib(heapUsed);
        ImGui.sameLine(0, 0);
        Figures.label(" of ");
        Figures.kib(heapCommitted);
        ImGui.sameLine();
        Figures.label("RSS ");
        if (rss >= 0) {
            Figures.kib(rss);
        } else {
            ImGui.textUnformatted("n/a");
        }
    }

    private void buttons() {
        if (regenerateButton) {
            if (ImGui.smallButton("Regenerate level")) {
                regenerateRequested = true;
            }
            ImGui.sameLine();
        }
        if (ImGui.smallButton("Full GC")) {
            System.gc();
        }
        ImGui.sameLine();
        if (ImGui.smallButton("Save snapshot")) {
            saved = save();
            compare.forgetList();
        }
        ImGui.sameLine();
        ImGui.setNextItemWidth(90);
        // A combo, not three radio buttons: one frame and a word instead of six circles to rasterise.
        if (ImGui.beginCombo("debug", DEBUG_NAMES[mem.debugLevel().ordinal()], ImGuiComboFlags.HeightSmall)) {
            for (int i = 0; i < DEBUG_NAMES.length; i++) {
                if (ImGui.selectable(DEBUG_NAMES[i], mem.debugLevel().ordinal() == i)) {
                    mem.debugLevel(LEVELS[i]);
                }
            }
            ImGui.endCombo();
        }
        if (mem.debugLevel() != snap.debug()) {
            ImGui.textUnformatted("(applies to what is created from now on)");
        }
        if (saved != null) {
            AllocatorSections.dim();
            ImGui.textUnformatted(saved);
            ImGui.popStyleColor();
        }
    }

    /** Button handler, not per frame: allocating here is fine. */
    private String save() {
        try {
            return "saved " + files.save(snap, LocalDateTime.now()).getFileName();
        } catch (java.io.IOException | SecurityException e) {
            return "cannot save a snapshot here: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        imgui.close();
    }
}
