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
import dev.burrow.dungeon.overlay.OverlaySetting;
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
            .value("screenshot").flag("no-overlay").value("assets").parse(argv);
        long seed = a.seed("seed", 1);
        int[] size = a.size("size", 80, 50, Generator.MIN_SIDE, Generator.MAX_SIDE);
        int frames = (int) a.number("frames", 0, 0, 10_000_000);
        int[] script = a.has("script") ? parseScript(a.string("script", "")) : new int[0];
        Path shot = a.has("screenshot") ? Path.of(a.string("screenshot", "")) : null;
        if (shot != null && frames == 0) {
            throw new UsageException("dungeon-demo play: --screenshot needs --frames N (which frame to capture)");
        }
        if (shot != null) {
            RunSupport.checkWritable("dungeon-demo play", shot);
        }
        GenAssets assets = GenAssets.from(a.string("assets", null)); // malformed files fail here, before a window opens
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(1 << 20));
             GlWindow window = new GlWindow("Burrow", 1280, 720, frames == 0);
             Game game = new Game(mem, assets, seed, size[0], size[1]);
             TileRenderer tiles = new TileRenderer();
             MemoryOverlay overlay = a.has("no-overlay") ? null : new MemoryOverlay(mem, window.handle(), new GameHud(game))) {
            // F1 sticks between interactive runs; scripted and stress runs always start with the overlay on.
            OverlaySetting setting = frames == 0 ? OverlaySetting.user() : null;
            if (setting != null && overlay != null && !setting.shown()) {
                overlay.toggle();
            }
            FrameClock clock = new FrameClock();
            FrameArena frame = mem.frame();
            int scriptAt = 0;
            long heapAtStart = threadAllocated();
            long[] phase = new long[RunSupport.PHASES.length];
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
                RunSupport.summary(out, clock, phase, "depth " + game.depth() + "  turns " + game.turn(), mem.nativeBytes(),
                    threadAllocated() - heapAtStart, shot);
            }
        }
        return ExitCode.OK;
    }

    private static int[] parseScript(String s) {
        try {
            return Action.parseScript(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("dungeon-demo play: " + e.getMessage());
        }
    }

    private static long threadAllocated() {
        return RunSupport.threadAllocated();
    }
}
