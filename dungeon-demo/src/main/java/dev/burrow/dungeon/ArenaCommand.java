package dev.burrow.dungeon;

import dev.burrow.dungeon.arena.ArenaRecorder;
import dev.burrow.dungeon.arena.ArenaSim;
import dev.burrow.dungeon.arena.ArenaSprites;
import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.game.Action;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.overlay.ArenaHud;
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

/**
 * {@code dungeon-demo arena [--enemies N] [--seed S] [--frames N] [--screenshot out.png] [--no-overlay]}: the horde
 * in a window. The simulation steps at a fixed 30 Hz from an accumulator of real time; rendering interpolates
 * enemies between the last two steps.
 */
public final class ArenaCommand {
    private static final double MAX_FRAME_SECONDS = 0.25; // after a stall, do not try to catch up forever

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
            .flag("no-overlay").parse(argv);
        int enemies = (int) a.number("enemies", 500, 1, 200_000);
        long seed = a.seed("seed", 1);
        int frames = (int) a.number("frames", 0, 0, 10_000_000);
        Path shot = a.has("screenshot") ? Path.of(a.string("screenshot", "")) : null;
        if (shot != null && frames == 0) {
            throw new UsageException("dungeon-demo arena: --screenshot needs --frames N (which frame to capture)");
        }
        if (shot != null) {
            RunSupport.checkWritable("dungeon-demo arena", shot);
        }
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(4 << 20));
             GlWindow window = new GlWindow("Burrow arena", 1280, 720, frames == 0);
             ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), seed, enemies);
             TileRenderer tiles = new TileRenderer();
             MemoryOverlay overlay = a.has("no-overlay") ? null : new MemoryOverlay(mem, window.handle(), new ArenaHud(sim))) {
            // F1 sticks between interactive runs; scripted and stress runs always start with the overlay on.
            OverlaySetting setting = frames == 0 && recorder == null ? OverlaySetting.user() : null;
            if (setting != null && overlay != null && !setting.shown()) {
                overlay.toggle();
            }
            FrameClock clock = new FrameClock();
            FrameArena frame = mem.frame();
            ArenaSprites sprites = ArenaSprites.create();
            long[] phase = new long[RunSupport.PHASES.length];
            long heapAtStart = RunSupport.threadAllocated();
            double accumulator = 0;
            long last = System.nanoTime();
            long until = seconds > 0 ? last + (long) (seconds * 1e9) : Long.MAX_VALUE;
            for (int n = 0; !window.shouldClose() && (frames == 0 || n < frames) && System.nanoTime() < until
                && (recorder == null || !recorder.done()); n++) {
                long t0 = System.nanoTime();
                long h0 = RunSupport.threadAllocated();
                frame.begin();
                window.poll();
                for (int key; (key = window.nextKey()) >= 0; ) {
                    int action = KeyMap.action(key, window.lastMods());
                    if (action == KeyMap.TOGGLE_OVERLAY && overlay != null) {
                        overlay.toggle();
                    } else if (action == Action.QUIT) {
                        window.requestClose();
                    }
                }
                long h1 = RunSupport.threadAllocated();
                accumulator += Math.min(MAX_FRAME_SECONDS, (t0 - last) / 1e9);
                last = t0;
                if (frames > 0 && n == 0) {
                    accumulator = ArenaSim.DT; // scripted runs start with a step, so frame 0 shows something
                }
                long stepNanos = 0;
                int steps = 0;
                while (accumulator >= ArenaSim.DT) {
                    sim.step();
                    stepNanos += sim.lastStepNanos();
                    steps++;
                    accumulator -= ArenaSim.DT;
                }
                long h2 = RunSupport.threadAllocated();
                int focus = overlay != null && overlay.visible() ? window.width() - MemoryOverlay.PANEL_WIDTH : window.width();
                tiles.draw(sim.map(), GenAssets.builtIn(), (int) sim.playerX(), (int) sim.playerY(), false, frame,
                    window.width(), window.height(), focus);
                sprites.build(sim, (float) (accumulator / ArenaSim.DT), frame);
                tiles.drawSprites(sprites.data(), sprites.count(), window.width(), window.height());
                long h3 = RunSupport.threadAllocated();
                if (overlay != null) {
                    overlay.frame(clock, window.width(), window.height());
                }
                long h4 = RunSupport.threadAllocated();
                boolean capture = shot != null && n == frames - 1;
                if (capture) {
                    Screenshot.write(shot, window.width(), window.height());
                }
                frame.end();
                window.swap();
                long h5 = RunSupport.threadAllocated();
                clock.record(System.nanoTime() - t0, frame.lastFrameHeapBytes(), capture);
                if (recorder != null) {
                    recorder.frame(n, System.nanoTime() - t0, stepNanos, steps, frame.lastFrameHeapBytes(), sim);
                }
                if (n >= FrameClock.WARMUP && !capture) {
                    RunSupport.addPhases(phase, h0, h1, h2, h3, h4, h5, n, out, sim.steps());
                }
            }
            if (setting != null && overlay != null) {
                String problem = setting.remember(overlay.visible());
                if (problem != null) {
                    System.err.println("warning: " + problem);
                }
            }
            if (frames > 0) {
                RunSupport.summary(out, clock, phase, "enemies max alive " + sim.maxAlive() + "  steps " + sim.steps()
                    + "  killed " + sim.killed(), mem.nativeBytes(), RunSupport.threadAllocated() - heapAtStart, shot);
            }
        }
        return ExitCode.OK;
    }
}
