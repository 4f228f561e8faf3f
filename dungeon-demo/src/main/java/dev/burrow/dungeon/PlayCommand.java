package dev.burrow.dungeon;

import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.game.Action;
import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.overlay.GameHud;
import dev.burrow.dungeon.overlay.MemoryOverlay;
import dev.burrow.dungeon.render.GlWindow;
import dev.burrow.dungeon.render.Screenshot;
import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code dungeon-demo play [--seed S] [--size WxH] [--frames N] [--script "..."] [--screenshot out.png]
 * [--no-overlay]}: the game in a window. With {@code --frames} it runs that many frames (scripted input, one action
 * per frame), optionally writes the last frame as PNG, prints a summary and exits.
 */
final class PlayCommand {
    private PlayCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException {
        Args a = new Args("dungeon-demo play").value("seed").value("size").value("frames").value("script")
            .value("screenshot").flag("no-overlay").parse(argv);
        long seed = a.seed("seed", 1);
        int[] size = a.size("size", 80, 50, Generator.MIN_SIDE, Generator.MAX_SIDE);
        int frames = (int) a.number("frames", 0, 0, 10_000_000);
        int[] script = a.has("script") ? parseScript(a.string("script", "")) : new int[0];
        Path shot = a.has("screenshot") ? Path.of(a.string("screenshot", "")) : null;
        if (shot != null && frames == 0) {
            throw new UsageException("dungeon-demo play: --screenshot needs --frames N (which frame to capture)");
        }
        if (shot != null) {
            checkWritable(shot);
        }
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(1 << 20));
             GlWindow window = new GlWindow("Burrow", 1280, 720, frames == 0);
             Game game = new Game(mem, GenAssets.builtIn(), seed, size[0], size[1]);
             TileRenderer tiles = new TileRenderer();
             MemoryOverlay overlay = a.has("no-overlay") ? null : new MemoryOverlay(mem, window.handle(), new GameHud(game))) {
            FrameClock clock = new FrameClock();
            FrameArena frame = mem.frame();
            int scriptAt = 0;
            long heapAtStart = threadAllocated();
            long[] phase = new long[PHASES.length];
            long[] phaseNow = new long[PHASES.length];
            for (int n = 0; !window.shouldClose() && (frames == 0 || n < frames); n++) {
                long t0 = System.nanoTime();
                int levels = game.levelsMade();
                long h0 = threadAllocated();
                frame.begin();
                window.poll();
                long h1 = threadAllocated();
                for (int key; (key = window.nextKey()) >= 0; ) {
                    int action = KeyMap.action(key, window.lastMods());
                    if (action == KeyMap.TOGGLE_OVERLAY) {
                        if (overlay != null) {
                            overlay.toggle();
                        }
                    } else if (action == Action.QUIT) {
                        window.requestClose();
                    } else if (overlay == null || !overlay.wantsKeyboard()) {
                        game.act(action);
                    }
                }
                if (scriptAt < script.length) {
                    int action = script[scriptAt++];
                    if (action == Action.QUIT) {
                        window.requestClose();
                    } else {
                        game.act(action);
                    }
                }
                if (overlay != null && overlay.takeRegenerateRequest()) {
                    game.act(Action.REGENERATE);
                }
                long h2 = threadAllocated();
                int focus = overlay != null && overlay.visible() ? window.width() - MemoryOverlay.PANEL_WIDTH : window.width();
                tiles.draw(game, frame, window.width(), window.height(), focus);
                long h3 = threadAllocated();
                if (overlay != null) {
                    overlay.frame(clock, window.width(), window.height());
                }
                long h4 = threadAllocated();
                if (shot != null && n == frames - 1) {
                    Screenshot.write(shot, window.width(), window.height());
                }
                frame.end();
                window.swap();
                long h5 = threadAllocated();
                // A level change or the screenshot's file I/O is not a steady frame.
                boolean changed = game.levelsMade() != levels || (shot != null && n == frames - 1);
                clock.record(System.nanoTime() - t0, frame.lastFrameHeapBytes(), changed);
                if (n >= FrameClock.WARMUP && !changed) {
                    phaseNow[0] = h1 - h0;
                    phaseNow[1] = h2 - h1;
                    phaseNow[2] = h3 - h2;
                    phaseNow[3] = h4 - h3;
                    phaseNow[4] = h5 - h4;
                    if (System.getenv("BURROW_TRACE_FRAMES") != null && h5 - h0 != 0) {
                        out.println("frame " + n + " allocated " + (h5 - h0) + " B (input " + phaseNow[0] + ", turns " + phaseNow[1]
                            + ", map " + phaseNow[2] + ", overlay " + phaseNow[3] + ", present " + phaseNow[4] + ") at turn " + game.turn()
                            + " hp " + game.hp() + (game.dead() ? " dead" : "") + " last message: " + game.log().recent(0));
                    }
                    for (int i = 0; i < phase.length; i++) {
                        phase[i] += phaseNow[i];
                    }
                }
            }
            if (frames > 0) {
                out.printf(Locale.ROOT, "frames %d  frame ms p50 %.2f p99 %.2f  steady frames %d  heap B/frame after warm-up: total %d worst %d"
                        + "  level-change frames %d  depth %d  turns %d  native %d B  heap since start %d B%n",
                    clock.frames(), clock.frameMsQuantile(0.5), clock.frameMsQuantile(0.99), clock.steadyFrames(),
                    clock.steadyHeapBytes(), clock.steadyWorstFrameBytes(), clock.transitionFrames(), game.depth(), game.turn(),
                    mem.nativeBytes(), threadAllocated() - heapAtStart);
                out.print("heap by phase after warm-up:");
                for (int i = 0; i < PHASES.length; i++) {
                    out.print(" " + PHASES[i] + " " + phase[i]);
                }
                out.println();
                if (shot != null) {
                    out.println("screenshot " + shot.toAbsolutePath());
                }
            }
        }
        return ExitCode.OK;
    }

    /** Where a frame's Java heap goes, for the exit summary: the measurement brackets each phase of the loop. */
    private static final String[] PHASES = {"input", "turns", "map", "overlay", "present"};

    private static int[] parseScript(String s) {
        try {
            return Action.parseScript(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("dungeon-demo play: " + e.getMessage());
        }
    }

    private static void checkWritable(Path shot) {
        Path dir = shot.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.delete(java.nio.file.Files.createTempFile(dir, ".burrow", ".png"));
            }
        } catch (IOException | SecurityException e) {
            throw new UsageException("dungeon-demo play: --screenshot: cannot write to " + dir + " (" + e.getMessage() + ")", ExitCode.IO);
        }
    }

    // Cached: ManagementFactory.getThreadMXBean() itself allocates on every call.
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private static long threadAllocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
