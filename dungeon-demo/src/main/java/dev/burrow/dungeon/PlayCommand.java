package dev.burrow.dungeon;

import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.OutputFolders;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.game.Action;
import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.game.LevelCache;
import dev.burrow.dungeon.game.Morgue;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.overlay.HudPanel;
import dev.burrow.dungeon.overlay.MemoryOverlay;
import dev.burrow.dungeon.overlay.OverlaySetting;
import dev.burrow.dungeon.render.GlWindow;
import dev.burrow.dungeon.render.Screenshot;
import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.dungeon.ui.Controller;
import dev.burrow.dungeon.ui.Keys;
import dev.burrow.dungeon.ui.Layout;
import dev.burrow.dungeon.ui.PlayScreen;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * {@code dungeon-demo play [--seed S] [--size WxH] [--window WxH] [--keep-levels K] [--morgue DIR] [--frames N]
 * [--script "..."] [--screenshot out.png] [--no-overlay] [--assets DIR]}: the game in a window. With {@code --frames}
 * it runs that many frames (scripted keys, one per frame while nothing is under way), optionally writes the last
 * frame as PNG, prints a summary and exits. An interactive game sleeps until a key (or half a second) when nothing
 * moves; a scripted one runs free.
 */
final class PlayCommand {
    /** Longest an idle interactive frame waits for an event: the overlay's plots still move twice a second. */
    static final double IDLE_WAIT_SECONDS = 0.5;
    /** The memory panel beside the play screen draws itself (the sidebar is the game's own). */
    private static final HudPanel NO_PANEL = (snap, clock) -> { };

    private PlayCommand() {
    }

    /** Narrower windows show the game without the docked overlay: the sidebar and it would leave the map ~300 px. */
    static final int OVERLAY_MIN_WINDOW_W = 960;

    /** The window the frame arena is sized for at least: a player may maximise a smaller one on a 4K screen. */
    static final int SIZED_FOR_W = 3840;
    static final int SIZED_FOR_H = 2160;

    /**
     * The frame arena for a window and a map: what an 80x50 game at 1280x720 uses (1 MiB, with room), plus twice the
     * text batch of the larger of the window and 4K (its one allocation grows with the screen: 935 KB at 2560x1440
     * outgrew the 1 MiB block, EM002), plus 16 B a map cell for the per-turn maps. A frame that still outgrows it
     * spills and warns; this keeps the warning from players on big screens and maps.
     */
    static long frameArenaBytes(int windowW, int windowH, int mapW, int mapH) {
        long w = Math.max(windowW, SIZED_FOR_W);
        long h = Math.max(windowH, SIZED_FOR_H);
        long textCells = (w / Layout.TEXT_W + 1) * (h / Layout.ROW_H + 1);
        return (1L << 20) + 2 * textCells * 2 * TileRenderer.SPRITE_BYTES + 16L * mapW * mapH;
    }

    static int run(String[] argv, PrintStream out) throws IOException {
        Args a = new Args("dungeon-demo play").value("seed").value("size").value("window").value("keep-levels")
            .value("morgue").value("frames").value("script").value("screenshot").flag("no-overlay").value("assets").parse(argv);
        long seed = a.seed("seed", 1);
        int[] size = a.size("size", 80, 50, Generator.MIN_SIDE, Generator.MAX_SIDE);
        int[] windowSize = a.size("window", 1280, 720, 320, 8192);
        int keep = (int) a.number("keep-levels", LevelCache.DEFAULT_CAPACITY, 1, 64);
        int frames = (int) a.number("frames", 0, 1, 10_000_000); // absent: interactive; given: that many frames
        int[] script = a.has("script") ? parseScript(a.string("script", "")) : new int[0];
        Path shot = a.has("screenshot") ? Path.of(a.string("screenshot", "")) : null;
        if (shot != null && frames == 0) {
            throw new UsageException("dungeon-demo play: --screenshot needs --frames N (which frame to capture)");
        }
        if (shot != null) {
            RunSupport.checkWritable("dungeon-demo play", shot);
        }
        // Interactive games keep their morgues in the user's data folder; scripted runs only where --morgue says.
        Path morgueDir = a.has("morgue") ? Path.of(a.string("morgue", "")) : frames == 0 ? Morgue.defaultDir() : null;
        if (a.has("morgue")) {
            OutputFolders.prove("dungeon-demo play: --morgue", morgueDir.toString()); // now, not when the game ends
        }
        GenAssets assets = GenAssets.from(a.string("assets", null)); // malformed files fail here, before a window opens
        boolean interactive = frames == 0;
        long frameBytes = frameArenaBytes(windowSize[0], windowSize[1], size[0], size[1]);
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(frameBytes).groupChunkBytes(96 * 1024).poolSlabBytes(4096));
             GlWindow window = new GlWindow("Burrow", windowSize[0], windowSize[1], interactive);
             Game game = new Game(mem, assets, seed, size[0], size[1], keep);
             TileRenderer tiles = new TileRenderer();
             MemoryOverlay overlay = a.has("no-overlay") ? null : new MemoryOverlay(mem, window.handle(), NO_PANEL)) {
            // F1 sticks between interactive runs; scripted and stress runs always start with the overlay on.
            OverlaySetting setting = interactive ? OverlaySetting.user() : null;
            if (setting != null && overlay != null && !setting.shown()) {
                overlay.toggle();
            }
            internPhases(mem.frame());
            if (overlay != null) {
                warmSnapshot(mem);
            }
            Loop loop = new Loop(game, window, overlay, tiles, mem.frame(), morgueDir);
            FrameClock clock = new FrameClock();
            int scriptAt = 0;
            long heapAtStart = threadAllocated();
            long[] phase = new long[RunSupport.PHASES.length];
            for (int n = 0; !window.shouldClose() && (frames == 0 || n < frames); n++) {
                long t0 = System.nanoTime();
                int changes = game.levelChanges();
                long h0 = threadAllocated();
                loop.frame.begin();
                loop.frame.beginPhase(RunSupport.INPUT);
                if (interactive && !game.busy()) {
                    window.waitEvents(IDLE_WAIT_SECONDS);
                } else {
                    window.poll();
                }
                loop.frame.endPhase();
                long h1 = threadAllocated();
                loop.frame.beginPhase(RunSupport.TURNS);
                game.beginFrame();
                loop.keys();
                if (scriptAt < script.length && !game.busy()) {
                    loop.press(script[scriptAt++]);
                }
                loop.advance();
                boolean ended = loop.morgueIfEnded();
                loop.frame.endPhase();
                long h2 = threadAllocated();
                loop.frame.beginPhase(RunSupport.MAP);
                loop.draw();
                loop.frame.endPhase();
                long h3 = threadAllocated();
                loop.frame.beginPhase(RunSupport.OVERLAY);
                if (overlay != null && !loop.overlaySuppressed()) {
                    overlay.frame(clock, window.width(), window.height());
                }
                loop.frame.endPhase();
                long h4 = threadAllocated();
                loop.frame.beginPhase(RunSupport.PRESENT);
                if (shot != null && n == frames - 1) {
                    Screenshot.write(shot, window.width(), window.height());
                }
                window.swap();
                loop.frame.endPhase();
                loop.frame.end();
                long h5 = threadAllocated();
                // A level change, a morgue file or the screenshot's file I/O is not a steady frame.
                boolean changed = game.levelChanges() != changes || ended || (shot != null && n == frames - 1);
                if (game.levelChanges() != changes) {
                    loop.levelChanged(mem);
                }
                clock.record(System.nanoTime() - t0, h5 - h0, changed); // the whole frame, swap included: what the trace lists
                if (n >= FrameClock.WARMUP && !changed) {
                    RunSupport.addPhases(phase, h0, h1, h2, h3, h4, h5, n, out, game.turn());
                }
            }
            if (setting != null && overlay != null) {
                String problem = setting.remember(overlay.visible());
                if (problem != null) {
                    System.err.println("warning: " + problem);
                }
            }
            if (frames > 0) {
                RunSupport.summary(out, clock, phase, "depth " + game.depth() + "  turns " + game.turn() + "  level " + game.player().level()
                    + "  kills " + game.kills() + "  state " + (game.state() == Game.DEAD ? "dead" : game.state() == Game.WON ? "won" : "playing")
                    + "  levels kept " + game.cache().size() + " evicted " + game.cache().evictions() + " (streaming budget \"" + LevelCache.BUDGET
                    + "\" " + game.cache().usedBytes() + " of " + game.cache().capacityBytes() + " B)", mem.nativeBytes(),
                    threadAllocated() - heapAtStart, shot);
                dev.burrow.memory.MemorySnapshot end = mem.snapshot();
                RunSupport.nativePhases(out, end);
                RunSupport.lwjglMemory(out, end);
                out.println("travel paths: searches " + game.pathSearches() + "  promoted " + game.pathsPromoted() + "  steps followed "
                    + game.pathStepsFollowed() + "  promotions failed " + game.pathPromotionsFailed() + "  (frame arena promoted "
                    + loop.frame.promotedTotal() + ", failed " + loop.frame.promotionsFailedTotal() + ")");
                if (loop.levelChanges > 0) {
                    out.println("native outside the kept levels at " + loop.levelChanges + " level changes: min " + loop.outsideMin
                        + " B max " + loop.outsideMax + " B");
                }
                if (loop.morgue != null) {
                    out.println("morgue " + loop.morgue);
                }
            }
        }
        return ExitCode.OK;
    }

    /** What one frame does, in the order the main loop calls it; fields, so the loop allocates nothing. */
    private static final class Loop {
        final Game game;
        final GlWindow window;
        final MemoryOverlay overlay;
        final TileRenderer tiles;
        final FrameArena frame;
        final Path morgueDir;
        final Controller controller;
        final PlayScreen screen = new PlayScreen();
        int lastState = Game.PLAYING;
        String morgue;
        int levelChanges;
        long outsideMin = Long.MAX_VALUE;
        long outsideMax = Long.MIN_VALUE;
        private dev.burrow.memory.MemorySnapshot snap;

        Loop(Game game, GlWindow window, MemoryOverlay overlay, TileRenderer tiles, FrameArena frame, Path morgueDir) {
            this.game = game;
            this.window = window;
            this.overlay = overlay;
            this.tiles = tiles;
            this.frame = frame;
            this.morgueDir = morgueDir;
            this.controller = new Controller(game);
        }

        void keys() {
            for (int key; (key = window.nextKey()) >= 0; ) {
                int code = KeyMap.code(key, window.lastMods());
                if (code >= 0 && (overlay == null || !overlay.wantsKeyboard())) {
                    press(code);
                }
            }
        }

        void press(int code) {
            int r = controller.key(code);
            if (r == Controller.QUIT) {
                window.requestClose();
            } else if (r == Controller.TOGGLE_OVERLAY && overlay != null) {
                overlay.toggle();
            }
        }

        /** One step of whatever is under way (explore, travel, rest, search), and the overlay's regenerate button. */
        void advance() {
            if (game.busy()) {
                game.continueActivity();
            }
            if (overlay != null && overlay.takeRegenerateRequest()) {
                game.act(Action.REGENERATE);
            }
        }

        /** Writes the morgue once when a game ends. @return whether it did (a frame with file I/O) */
        boolean morgueIfEnded() {
            int state = game.state();
            boolean ended = state != Game.PLAYING && lastState == Game.PLAYING;
            if (state == Game.PLAYING) {
                morgue = null;
            }
            lastState = state;
            if (!ended) {
                return false;
            }
            if (morgueDir == null) {
                morgue = "not written (a scripted run writes one only with --morgue DIR)";
                return true;
            }
            try {
                morgue = Morgue.write(morgueDir, game, LocalDateTime.now()).toAbsolutePath().toString();
            } catch (IOException | RuntimeException e) {
                morgue = "could not be written to " + morgueDir + " (" + dev.burrow.dungeon.cli.FileErrors.why(e) + ")";
                System.err.println("warning: the morgue file " + morgue);
            }
            return true;
        }

        /**
         * After a level change: native bytes held outside the frame arenas and the kept levels' groups (the pack's
         * pool, the engine's own) must be what they were at every other change.
         */
        void levelChanged(EngineMemory mem) {
            snap = snap == null ? mem.snapshot() : mem.snapshot(snap);
            long outside = snap.nativeBytes() - snap.frameBytes() - snap.groupBytes();
            outsideMin = Math.min(outsideMin, outside);
            outsideMax = Math.max(outsideMax, outside);
            levelChanges++;
        }

        /**
         * The overlay steps aside while the help screen is open (it would cut every line of it) and in a window
         * narrower than {@link #OVERLAY_MIN_WINDOW_W}, where the sidebar and the overlay would leave the map a few
         * cells. F1 still toggles it; it comes back with the map or a wider window.
         */
        boolean overlaySuppressed() {
            return controller.screen() == Controller.HELP || window.width() < OVERLAY_MIN_WINDOW_W;
        }

        void draw() {
            int overlayWidth = overlay == null || overlaySuppressed() ? 0 : (int) Math.ceil(overlay.dockedWidth(window.width()));
            screen.draw(game, controller, tiles, frame, window.width(), window.height(), overlayWidth, morgue);
        }
    }

    /**
     * Opens every phase the loop and the game use once, in an empty frame before the first: the arena interns the
     * names and every snapshot has their rows from the start, so the overlay's snapshot is not grown (Java heap) in
     * the steady frame where a phase first opens (the first explore, say), and the refill is warmed up with them.
     */
    private static void internPhases(FrameArena frame) {
        frame.begin();
        for (String phase : RunSupport.PHASES) {
            frame.beginPhase(phase);
            frame.endPhase();
        }
        for (String phase : new String[] {Game.PHASE_TRAVEL, Game.PHASE_MONSTERS, Game.PHASE_FOV, Game.PHASE_GENERATE}) {
            frame.beginPhase(phase);
            frame.endPhase();
        }
        frame.end();
    }

    /** Snapshot refills done before the first frame: enough for C2 to finish with the refill (measured: ~12 000). */
    static final int SNAPSHOT_WARMUP = 20_000;

    /**
     * Runs the overlay's snapshot refill until the JIT is done with it. {@code EngineMemory.snapshot(into)} allocates
     * a few hundred bytes at each of its (re)compilations (the VarHandle behind {@code AtomicLongArray.get} in
     * {@code Diagnostics.copyCounts} is linked again), which at one refill per frame lands anywhere between frame
     * 1000 and 5000; in a tight loop it is over in ~12 000 calls, about 30 ms. Reported to the engine's owner.
     */
    private static void warmSnapshot(EngineMemory mem) {
        dev.burrow.memory.MemorySnapshot s = mem.snapshot();
        for (int i = 0; i < SNAPSHOT_WARMUP; i++) {
            s = mem.snapshot(s);
        }
    }

    private static int[] parseScript(String s) {
        try {
            return Keys.parseScript(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("dungeon-demo play: " + e.getMessage());
        }
    }

    private static long threadAllocated() {
        return RunSupport.threadAllocated();
    }
}
