package dev.burrow.dungeon;

import dev.burrow.dungeon.arena.ArenaInput;
import dev.burrow.dungeon.arena.ArenaPilot;
import dev.burrow.dungeon.arena.ArenaRecorder;
import dev.burrow.dungeon.arena.ArenaScreen;
import dev.burrow.dungeon.arena.ArenaSim;
import dev.burrow.dungeon.arena.ArenaSprites;
import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.overlay.ArenaHud;
import dev.burrow.dungeon.overlay.MemoryOverlay;
import dev.burrow.dungeon.overlay.OverlaySetting;
import dev.burrow.dungeon.overlay.SnapshotFiles;
import dev.burrow.dungeon.render.CellText;
import dev.burrow.dungeon.render.GlWindow;
import dev.burrow.dungeon.render.Screenshot;
import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import org.lwjgl.opengl.GL11C;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code dungeon-demo arena [--enemies N] [--seed S] [--workers N] [--pilot] [--frames N] [--screenshot out.png] [--no-overlay]
 * [--overlay-ab] [--overlay-open SECTIONS] [--compare SNAPSHOT.json] [--save-snapshot]}: the horde in a window. The simulation steps at a fixed 30 Hz from an accumulator of real time;
 * rendering interpolates between the last two steps. The map fills the window left of the docked memory overlay
 * ({@link MemoryOverlay#dockedWidth}); the arena's own status, offers and end screen are drawn in map cells
 * ({@link ArenaScreen}).
 */
public final class ArenaCommand {
    private static final double MAX_FRAME_SECONDS = 0.25; // after a stall, do not try to catch up forever
    /** The arena frame's first phase: events and keys (the overlay's "Phases per thread" lists them all). */
    public static final String PHASE_INPUT = "input";
    /** The fixed steps due this frame (the sim's own stages nest inside it). */
    public static final String PHASE_STEP = "step";
    /** The map, the horde and the arena's screen. */
    public static final String PHASE_DRAW = "draw";
    /** The memory overlay. */
    public static final String PHASE_OVERLAY = "overlay";
    /** A screenshot, if asked for, and the swap. */
    public static final String PHASE_PRESENT = "present";

    private ArenaCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException {
        return run(argv, out, null, 0);
    }

    /**
     * The windowed arena, for {@code dungeon-demo arena} and for {@code stress --arena} (which passes a recorder and a
     * wall-clock duration).
     *
     * @param argv the arena's flags
     * @param out where the summary goes
     * @param recorder gets every frame, or null
     * @param seconds stop after this much wall time at most (0: by --frames or the window); the recorder can end the run
     *                sooner through {@link ArenaRecorder#done()}
     * @return the exit code
     */
    public static int run(String[] argv, PrintStream out, ArenaRecorder recorder, double seconds) throws IOException {
        Args a = new Args("dungeon-demo arena").value("enemies").value("seed").value("frames").value("screenshot")
            .flag("no-overlay").flag("pilot").flag("overlay-ab").value("overlay-open").value("compare")
            .flag("save-snapshot").value("workers").parse(argv);
        int enemies = (int) a.number("enemies", 500, 1, 200_000);
        int workers = (int) a.number("workers", 1, 1, 64);
        long seed = a.seed("seed", 1);
        int frames = (int) a.number("frames", 0, 1, 10_000_000); // absent: interactive; given: that many frames
        Path shot = a.has("screenshot") ? Path.of(a.string("screenshot", "")) : null;
        boolean ab = a.has("overlay-ab");
        if (shot != null && frames == 0) {
            throw new UsageException("dungeon-demo arena: --screenshot needs --frames N (which frame to capture)");
        }
        if (a.has("save-snapshot") && frames == 0) {
            throw new UsageException("dungeon-demo arena: --save-snapshot needs --frames N (it saves after the last one;"
                + " in a game, press Save snapshot in the overlay)");
        }
        if (ab && (a.has("no-overlay") || frames < FrameClock.WARMUP + 2 * OverlayCost.AB_BLOCK)) {
            throw new UsageException("dungeon-demo arena: --overlay-ab needs the overlay and --frames of at least "
                + (FrameClock.WARMUP + 2 * OverlayCost.AB_BLOCK) + " (a " + FrameClock.WARMUP + "-frame warm-up, then "
                + OverlayCost.AB_BLOCK + " frames shown and " + OverlayCost.AB_BLOCK + " hidden at least)");
        }
        if (shot != null) {
            RunSupport.checkWritable("dungeon-demo arena", shot);
        }
        String[] sections = sections(a);
        Path compare = a.has("compare") ? Path.of(a.string("compare", "")) : null;
        if (compare != null) {
            if (a.has("no-overlay")) {
                throw new UsageException("dungeon-demo arena: --compare shows in the memory overlay; drop --no-overlay");
            }
            try {
                SnapshotFiles.read(compare); // a bad file fails here in one line, before a window opens
            } catch (IllegalArgumentException e) {
                throw new UsageException("dungeon-demo arena: --compare " + e.getMessage(), ExitCode.BAD_ASSET);
            }
        }
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(ArenaSim.frameArenaBytes(enemies, workers)));
             GlWindow window = new GlWindow("Burrow arena", 1280, 720, frames == 0);
             ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), seed, enemies, workers);
             TileRenderer tiles = new TileRenderer();
             MemoryOverlay overlay = a.has("no-overlay") ? null : new MemoryOverlay(mem, window.handle(), null)) {
            if (overlay != null) {
                overlay.section(new ArenaHud(sim));
                overlay.regenerateButton(false);
                overlay.paintsBackground(false); // the map stops at the dock and every frame starts with a clear
                overlay.openAtStart(sections);
                if (compare != null) {
                    overlay.compareWith(compare);
                }
            }
            // F1 sticks between interactive runs; scripted and stress runs always start with the overlay on.
            OverlaySetting setting = frames == 0 && recorder == null ? OverlaySetting.user() : null;
            if (setting != null && overlay != null && !setting.shown()) {
                overlay.toggle();
            }
            Loop loop = new Loop(window, sim, tiles, overlay, mem.frame(), a.has("pilot"), frames > 0, ab, Math.max(frames, 1));
            long heapAtStart = RunSupport.threadAllocated();
            long until = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
            for (int n = 0; !window.shouldClose() && (frames == 0 || n < frames) && System.nanoTime() < until
                && (recorder == null || !recorder.done()); n++) {
                boolean capture = shot != null && n == frames - 1;
                loop.frame(n, capture ? shot : null, out, recorder);
            }
            if (setting != null && overlay != null) {
                String problem = setting.remember(overlay.visible());
                if (problem != null) {
                    System.err.println("warning: " + problem);
                }
            }
            if (frames > 0) {
                RunSupport.summary(out, loop.clock, loop.phase, "enemies max alive " + sim.maxAlive() + "  steps " + sim.steps()
                    + "  killed " + sim.killed() + "  runs " + sim.runs() + "  best score " + Math.max(sim.bestScore(), sim.score())
                    + "  furthest wave " + sim.bestWave() + "  falls " + sim.playerDeaths(), mem.nativeBytes(),
                    RunSupport.threadAllocated() - heapAtStart, shot);
                out.print(loop.cost.summary(ab));
                out.print(memorySummary(mem.snapshot(), sim, loop));
                if (a.has("save-snapshot")) {
                    Path saved = new SnapshotFiles(Path.of("").toAbsolutePath()).save(mem.snapshot(), java.time.LocalDateTime.now());
                    out.println("snapshot " + saved);
                }
            }
        }
        return ExitCode.OK;
    }

    /**
     * The run's memory events and frame phases, for the summary of a scripted run (after the loop: allocating is fine):
     * <pre>
     * memory events after warm-up: 2 frames, 18432 B of Java heap (particle pool: 3 event(s) in all, 1 compaction(s) after a burst, 3 slab(s) back at the last)
     * phases of main (last frame bytes/allocs, peak high water):  input 0/0 0  step 129292/4 132932 ...
     * </pre>
     */
    static String memorySummary(MemorySnapshot snap, ArenaSim sim, Loop loop) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "memory events after warm-up: %d frames, %d B of Java heap (particle pool: %d event(s)"
                + " in all, %d compaction(s) after a burst, %d slab(s) back at the last)%n", loop.eventFrames, loop.eventHeapBytes,
            sim.memoryEvents(), sim.compactions(), sim.lastSlabsReturned()));
        for (int i = 0; i < snap.frameCount(); i++) {
            MemorySnapshot.FrameStats f = snap.frame(i);
            if (f.phaseCount() == 0) {
                continue;
            }
            b.append("phases of ").append(f.thread()).append(" (last frame bytes/allocs, peak high water):");
            for (int j = 0; j < f.phaseCount(); j++) {
                MemorySnapshot.PhaseStats p = f.phase(j);
                b.append("  ").append(p.name()).append(' ').append(p.lastBytes()).append('/').append(p.lastAllocs())
                    .append(' ').append(p.peakHighWaterBytes());
            }
            if (f.budgetBytes() >= 0) {
                b.append("  budget ").append(f.budgetBytes()).append(" B, over it in ").append(f.overBudgetFrames()).append(" frames");
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    private static final String[] SECTIONS = {"frame", "phases", "pools", "level", "native", "streaming", "arena", "tags",
        "diagnostics", "plots", "compare", "all"};

    /** @return the sections --overlay-open names (comma-separated), checked against the list */
    private static String[] sections(Args a) {
        if (!a.has("overlay-open")) {
            return new String[0];
        }
        String[] names = a.string("overlay-open", "").split(",");
        for (String n : names) {
            if (!java.util.Arrays.asList(SECTIONS).contains(n)) {
                throw new UsageException("dungeon-demo arena: --overlay-open: unknown section '" + n + "' (one or more of "
                    + String.join(",", SECTIONS) + ")");
            }
        }
        return names;
    }

    /** One arena window's frame loop: small methods, so the JIT compiles each normally (see ARCHITECTURE.md). */
    private static final class Loop {
        final FrameClock clock = new FrameClock();
        final long[] phase = new long[RunSupport.PHASES.length];
        final OverlayCost cost;
        private final GlWindow window;
        private final ArenaSim sim;
        private final TileRenderer tiles;
        private final MemoryOverlay overlay;
        private final FrameArena frame;
        private final ArenaSprites sprites = ArenaSprites.create();
        private final ArenaScreen screen = new ArenaScreen();
        private final ArenaPilot pilot = new ArenaPilot();
        private final boolean scripted;
        private final boolean ab;
        private boolean piloting;
        private boolean paused;
        private double accumulator;
        private long last = System.nanoTime();
        private int stepsThisFrame;
        long eventFrames;
        long eventHeapBytes;

        Loop(GlWindow window, ArenaSim sim, TileRenderer tiles, MemoryOverlay overlay, FrameArena frame, boolean pilot,
             boolean scripted, boolean ab, int frames) {
            this.window = window;
            this.sim = sim;
            this.tiles = tiles;
            this.overlay = overlay;
            this.frame = frame;
            this.piloting = pilot;
            this.scripted = scripted;
            this.ab = ab;
            this.cost = new OverlayCost(scripted ? frames : 1);
        }

        /**
         * One frame, in the frame phases the overlay shows: {@code input}, {@code step} (the fixed steps due; inside
         * it the sim's own stages), {@code draw}, {@code overlay}, {@code present} (screenshot and swap). A frame in
         * which the particle pool changed its slabs ({@link ArenaSim#memoryEvents()}: a burst grew it, or it was
         * compacted after a wave) is a memory event, not a steady frame, as a screenshot frame is: the engine's
         * compaction and slab growth cost Java heap by design.
         */
        void frame(int n, Path capture, PrintStream out, ArenaRecorder recorder) throws IOException {
            long t0 = System.nanoTime();
            long events = sim.memoryEvents();
            long h0 = RunSupport.threadAllocated();
            frame.begin();
            frame.beginPhase(PHASE_INPUT);
            window.poll();
            input(n);
            frame.endPhase();
            long h1 = RunSupport.threadAllocated();
            frame.beginPhase(PHASE_STEP);
            long stepNanos = steps(t0, n);
            frame.endPhase();
            long h2 = RunSupport.threadAllocated();
            frame.beginPhase(PHASE_DRAW);
            draw();
            frame.endPhase();
            long h3 = RunSupport.threadAllocated();
            frame.beginPhase(PHASE_OVERLAY);
            drawOverlay(n);
            frame.endPhase();
            long h4 = RunSupport.threadAllocated();
            frame.beginPhase(PHASE_PRESENT);
            if (capture != null) {
                Screenshot.write(capture, window.width(), window.height());
            }
            window.swap();
            frame.endPhase();
            frame.end();
            long h5 = RunSupport.threadAllocated();
            long nanos = System.nanoTime() - t0;
            boolean event = sim.memoryEvents() != events;
            if (event && n >= FrameClock.WARMUP) {
                eventFrames++;
                eventHeapBytes += h5 - h0;
            }
            clock.record(nanos, h5 - h0, capture != null || event); // the whole frame, swap included: what the trace lists
            if (recorder != null) {
                recorder.frame(n, nanos, stepNanos, stepsThisFrame, frame.lastFrameHeapBytes(), sim);
            }
            if (n >= FrameClock.WARMUP && capture == null && !event) {
                RunSupport.addPhases(phase, h0, h1, h2, h3, h4, h5, n, out, sim.steps());
                if (scripted) {
                    cost.frame(nanos / 1e6f, overlay != null && overlay.visible());
                }
            }
        }

        /** The fixed steps due since the last frame; sets {@link #stepsThisFrame}. @return their time in nanoseconds */
        private long steps(long t0, int n) {
            long stepNanos = 0;
            int steps = 0;
            accumulator += Math.min(MAX_FRAME_SECONDS, (t0 - last) / 1e9);
            last = t0;
            if (scripted && n == 0) {
                accumulator = ArenaSim.DT; // scripted runs start with a step, so frame 0 shows something
            }
            if (paused) {
                accumulator = 0;
            }
            while (accumulator >= ArenaSim.DT) {
                if (piloting) {
                    pilot.drive(sim);
                }
                sim.step();
                stepNanos += sim.lastStepNanos();
                steps++;
                accumulator -= ArenaSim.DT;
            }
            stepsThisFrame = steps;
            return stepNanos;
        }

        private void input(int n) {
            ArenaInput in = sim.input();
            if (ArenaControls.hold(window, in) && piloting) {
                piloting = false; // a movement key takes over from the autopilot
            }
            for (int key; (key = window.nextKey()) >= 0; ) {
                int action = ArenaControls.press(key, in);
                if (action == ArenaControls.TOGGLE_OVERLAY && overlay != null) {
                    overlay.toggle();
                } else if (action == ArenaControls.PAUSE) {
                    paused = !paused;
                } else if (action == ArenaControls.QUIT) {
                    window.requestClose();
                }
            }
            if (ab) {
                overlay.visible(OverlayCost.abShows(n));
            }
        }

        /**
         * The map, the horde and the arena's screen, left of the docked overlay. The map is drawn between the status
         * rows and the key line, not under them, so the camera can never put the player beneath the screen's text.
         */
        private void draw() {
            int width = window.width();
            int height = window.height();
            int mapWidth = Math.max(1, width - (overlay == null ? 0 : (int) overlay.dockedWidth(width)));
            int row = tiles.tileHeight();
            int mapHeight = Math.max(1, height - (ArenaScreen.TOP_ROWS + ArenaScreen.BOTTOM_ROWS) * row);
            float alpha = (float) (accumulator / ArenaSim.DT);
            GL11C.glViewport(0, ArenaScreen.BOTTOM_ROWS * row, mapWidth, mapHeight);
            tiles.drawFollowing(sim.map(), GenAssets.builtIn(), sim.playerX(alpha), sim.playerY(alpha), frame, mapWidth, mapHeight);
            sprites.build(sim, alpha, frame);
            tiles.drawSprites(sprites.data(), sprites.count(), mapWidth, mapHeight);
            GL11C.glViewport(0, 0, mapWidth, height);
            int playerRow = ArenaScreen.TOP_ROWS + (int) (sim.playerY(alpha) - tiles.originRow());
            CellText cells = screen.build(sim, mapWidth / TileRenderer.TEXT_WIDTH, height / row, playerRow, paused, piloting, frame);
            tiles.drawScreenText(cells.data(), cells.count(), mapWidth, height);
            GL11C.glViewport(0, 0, width, height);
        }

        /** Scripted runs fence the overlay with glFinish on both sides, so its own CPU and GPU time is measured. */
        private void drawOverlay(int n) {
            if (overlay == null) {
                return;
            }
            if (!scripted || !overlay.visible()) {
                overlay.frame(clock, window.width(), window.height());
                return;
            }
            GL11C.glFinish();
            long o0 = System.nanoTime();
            overlay.frame(clock, window.width(), window.height());
            GL11C.glFinish();
            if (n >= FrameClock.WARMUP) {
                cost.own((System.nanoTime() - o0) / 1e6f, overlay.lastVertices(), overlay.lastDrawCalls());
            }
        }
    }
}
