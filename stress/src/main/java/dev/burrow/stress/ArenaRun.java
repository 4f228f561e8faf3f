package dev.burrow.stress;

import dev.burrow.dungeon.ArenaCommand;
import dev.burrow.dungeon.arena.ArenaPilot;
import dev.burrow.dungeon.arena.ArenaRecorder;
import dev.burrow.dungeon.arena.ArenaSim;
import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.OneLine;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.stress.report.Json;
import dev.burrow.stress.report.LineChart;
import dev.burrow.dungeon.overlay.ProcessMemory;
import dev.burrow.stress.report.Progress;
import dev.burrow.stress.report.Stats;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code stress --arena --enemies N --seconds S [--headless] [--report DIR]}: the horde under measurement.
 *
 * <p>Both modes are played by the {@link ArenaPilot}: it kites the horde round the arena, dashes out of crowds,
 * takes an upgrade at every cleared wave and starts a new run after its third fall, so a run exercises movement,
 * waves, falls and restarts, not a player standing still. Headless runs are deterministic for a seed.</p>
 *
 * <p>Headless, every frame is one simulation step, run back to back: at least {@value #HEADLESS_WARMUP_STEPS} warm-up
 * steps, and on until the JIT has been quiet for {@value #HEADLESS_JIT_QUIET_STEPS} steps or {@value #JIT_QUIET_SECONDS} s
 * (at most {@value #HEADLESS_WARMUP_MAX_STEPS} steps), then {@code S * 30} measured ones. Windowed (under Xvfb
 * here), the real arena renders through a warm-up of at least {@value #WARMUP_SECONDS} s that lasts until the JIT has
 * been quiet for {@value #JIT_QUIET_SECONDS} s (at most {@value #WARMUP_MAX_SECONDS} s), then {@code S} seconds of wall
 * time with its fixed 30 Hz step. Either way each frame
 * records frame and step time, enemies alive, the Java heap it allocated, native bytes, heap used, GC count, and
 * RSS every 30 frames.</p>
 *
 * <p>The verdict holds on memory, which a loaded machine cannot change: it fails (exit 1, saying which) when fewer
 * than N enemies were ever alive together, when steady frames after warm-up allocated Java heap beyond the one
 * tolerated JIT tier-up frame ({@link #TIERUP_FRAMES} frame of at most {@link #TIERUP_BYTES} bytes), or when native +
 * heap used grew more than 5 MiB after warm-up. A frame in which the particle pool changed its slabs — a burst took
 * the whole list, or the compaction after the wave gave it back ({@link ArenaSim#memoryEvents()}) — is a memory event,
 * not a steady frame: the engine's slab growth (a sampled site below OFF) and compaction cost Java heap by design.
 * Event frames and their bytes are reported on their own line and in the JSON ({@code memoryEvents}). Timing is reported, and fails the run only against the budgets asked for
 * with {@code --max-step-p99-ms} and {@code --max-frame-p99-ms} (off by default: on a shared 2-core machine a
 * timing budget measures the neighbours).</p>
 */
final class ArenaRun {
    static final long GROWTH_LIMIT = 5L << 20;
    /**
     * The one documented tolerance, shared with ArenaRunTest: after warm-up, at most one frame may count Java heap,
     * at most 512 bytes. Such a frame is the JIT's tier-up, not the program: it was seen as a single 88 B frame (a
     * String the VM allocates at an ordinary bytecode, attributed by JFR to no Java callee) in some runs, at frames
     * where C2 installs or deoptimises a method (docs/arena.md). A second such frame, or a bigger one, fails.
     */
    static final int TIERUP_FRAMES = 1;
    /** See {@link #TIERUP_FRAMES}. */
    static final long TIERUP_BYTES = 512;
    /** The measuring child's fixed heap. */
    static final long CHILD_HEAP_MIB = 256;
    /**
     * The measuring JVM runs without scalar replacement. Then "no Java heap per frame" cannot lean on escape analysis
     * (any object the frame makes is counted, every frame), and the JIT cannot re-materialise scalar-replaced objects
     * when it deoptimises mid-run: with default flags that showed as a single 88 B frame in 2 of 5 runs, while every
     * run with these flags measured 0 bytes in every frame.
     */
    static final String[] JVM_FLAGS = {"-XX:+UnlockDiagnosticVMOptions", "-XX:-EliminateAllocations"};
    /** Warm-up before the measured seconds: 30 s of simulated time headless, at least 30 s of wall time windowed. */
    static final int WARMUP_SECONDS = 30;
    /**
     * Windowed, code that runs once a frame reaches C2 only after about 5,000 frames (a minute and more here), and
     * each frame in which a freshly compiled or deoptimised method first runs was seen to count 136 to 560 bytes the
     * program never allocated (JVMTI sampling every allocation saw no object; the frames line up with
     * {@code -XX:+PrintCompilation}, at the same frame numbers run after run). So the windowed warm-up lasts until the
     * JIT has been quiet this long.
     */
    static final int JIT_QUIET_SECONDS = 20;
    /** Bound on the windowed warm-up, for a JIT that never settles. */
    static final int WARMUP_MAX_SECONDS = 240;
    static final int HEADLESS_WARMUP_STEPS = WARMUP_SECONDS * 30;
    /**
     * Headless too, a method the step calls once (the pilot's {@code orbit}, {@code Arrays.fill}, the engine's
     * {@code TagAccount.add}) reaches C2 only after thousands of steps, and the step in which the new code first
     * runs counted 232-256 B (seen at steps 966 and 2435 of seed 1, each within 2 ms of {@code -XX:+PrintCompilation}
     * installing such a method). Steps are cheap, so the headless warm-up also waits for the JIT to be quiet.
     */
    static final int HEADLESS_JIT_QUIET_STEPS = 1500;
    /** Bound on the headless warm-up. */
    static final int HEADLESS_WARMUP_MAX_STEPS = 30_000;

    private final PrintStream out;
    private int enemies;
    private double seconds;
    private long seed;
    private boolean headless;
    private Path reportDir;
    /** In the order they are moved into place: report.json last, as it says the others are this run's. */
    private static final String[] REPORT_FILES = {"frames.csv", "arena.png", "report.json"};
    private double maxStepP99Ms;
    private double maxFrameP99Ms;
    private int workers;
    /** Headless with several workers: the same game on one worker, for the speed-up and the same-result check. */
    private double[] baseline;
    private boolean sameResult = true;

    ArenaRun(PrintStream out) {
        this.out = out;
    }

    void parse(String[] argv) {
        Args a = new Args("stress --arena").flag("arena").value("enemies").value("seconds").value("seed").flag("headless")
            .value("report").value("max-step-p99-ms").value("max-frame-p99-ms").value("workers").parse(argv);
        enemies = (int) a.number("enemies", 500, 1, 200_000);
        workers = (int) a.number("workers", 1, 1, 64);
        seconds = a.number("seconds", 60, 1, 86_400);
        seed = a.seed("seed", 1);
        headless = a.has("headless");
        maxStepP99Ms = millis(a, "max-step-p99-ms");
        maxFrameP99Ms = millis(a, "max-frame-p99-ms");
        reportDir = ReportDir.prepare(a.string("report", "reports/arena"), "report", "report.json");
    }

    /** @return a timing budget in ms from {@code --name}, or 0 (no budget) when it is not given */
    private static double millis(Args a, String name) {
        String v = a.string(name, null);
        if (v == null) {
            return 0;
        }
        double ms;
        try {
            // Plain decimals only: parseDouble also takes "5d", "1e1" and "0x1p3".
            if (!v.trim().matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
                throw new NumberFormatException();
            }
            ms = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("stress --arena: --" + name + " must be a number of milliseconds, got '" + OneLine.of(v) + "'");
        }
        if (!(ms > 0 && ms <= 60_000)) {
            throw new UsageException("stress --arena: --" + name + " must be above 0 and at most 60000 ms, got " + OneLine.of(v));
        }
        return ms;
    }

    /** Per-frame columns, grown between frames only. */
    static final class Frames implements ArenaRecorder {
        private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();
        private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
        double[] frameMs;
        double[] stepMs;
        double[] alive;
        double[] heap;
        double[] nativeBytes;
        double[] heapUsed;
        double[] gcs;
        double[] rss;
        int n;
        int warmupFrames;
        private long startNanos;
        private boolean warming = true;
        private long measureFrom;
        private long jitMillis = -1;
        private long jitQuietSince;
        private long measureNanos = Long.MAX_VALUE;
        int stepsRecorded;
        double[] stepSamples;
        /** Per frame: whether the arena's particle pool changed its slabs in it (a memory event, not a steady frame). */
        boolean[] event;
        private long eventsSeen;

        /** @param expected frames the run will record: sized up front so the recorder does not grow the heap it measures */
        Frames(int expected) {
            int cap = Math.max(1024, expected);
            frameMs = new double[cap];
            stepMs = new double[cap];
            alive = new double[cap];
            heap = new double[cap];
            nativeBytes = new double[cap];
            heapUsed = new double[cap];
            gcs = new double[cap];
            rss = new double[cap];
            event = new boolean[cap];
            stepSamples = new double[cap * 2];
        }

        @Override
        public void frame(int frame, long frameNanos, long stepNanos, int steps, long heapBytes, ArenaSim sim) {
            long now = System.nanoTime();
            if (n == 0) {
                startNanos = now;
                jitQuietSince = now;
            }
            if (warming) {
                // Read only while warming up: the measured frames never call into the management beans.
                long jit = JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
                if (jit != jitMillis) {
                    jitMillis = jit;
                    jitQuietSince = now;
                }
                long since = now - startNanos;
                warming = since < WARMUP_SECONDS * 1_000_000_000L
                    || (now - jitQuietSince < JIT_QUIET_SECONDS * 1_000_000_000L && since < WARMUP_MAX_SECONDS * 1_000_000_000L);
                warmupFrames = n + 1;
                measureFrom = now;
            }
            record(frameNanos, stepNanos, steps, heapBytes, sim, memoryEvent(sim));
        }

        /** @return whether the sim had a memory event since the last frame recorded */
        boolean memoryEvent(ArenaSim sim) {
            long e = sim.memoryEvents();
            boolean changed = e != eventsSeen;
            eventsSeen = e;
            return changed;
        }

        /** Windowed: how long to measure after the warm-up. */
        void measureFor(double seconds) {
            measureNanos = (long) (seconds * 1e9);
        }

        @Override
        public boolean done() {
            return !warming && System.nanoTime() - measureFrom >= measureNanos;
        }

        void record(long frameNanos, long stepNanos, int steps, long heapBytes, ArenaSim sim, boolean memoryEvent) {
            if (n == frameMs.length) {
                int cap = n * 2;
                frameMs = Arrays.copyOf(frameMs, cap);
                stepMs = Arrays.copyOf(stepMs, cap);
                alive = Arrays.copyOf(alive, cap);
                heap = Arrays.copyOf(heap, cap);
                nativeBytes = Arrays.copyOf(nativeBytes, cap);
                heapUsed = Arrays.copyOf(heapUsed, cap);
                gcs = Arrays.copyOf(gcs, cap);
                rss = Arrays.copyOf(rss, cap);
                event = Arrays.copyOf(event, cap);
            }
            if (stepsRecorded + 1 >= stepSamples.length) {
                stepSamples = Arrays.copyOf(stepSamples, stepSamples.length * 2);
            }
            frameMs[n] = frameNanos / 1e6;
            stepMs[n] = steps == 0 ? 0 : stepNanos / 1e6 / steps;
            if (steps > 0) {
                stepSamples[stepsRecorded++] = stepNanos / 1e6 / steps;
            }
            alive[n] = sim.enemies().count();
            heap[n] = heapBytes;
            event[n] = memoryEvent;
            nativeBytes[n] = sim.engineNativeBytes();
            Runtime rt = Runtime.getRuntime();
            heapUsed[n] = rt.totalMemory() - rt.freeMemory();
            long g = 0;
            for (int i = 0; i < GCS.size(); i++) {
                g += Math.max(0, GCS.get(i).getCollectionCount());
            }
            gcs[n] = g;
            rss[n] = n % 30 == 0 ? ProcessMemory.rssBytes() : (n > 0 ? rss[n - 1] : ProcessMemory.rssBytes());
            n++;
        }
    }

    int run(String[] argv) throws IOException {
        parse(argv);
        Frames f;
        int maxAlive;
        long killed;
        long spawned;
        int ringPeak;
        int ringCapacity;
        long ringDropped;
        long deaths;
        long runs;
        long bestScore;
        int furthestWave;
        long dashes;
        String pools;
        if (!headless) {
            // As dungeon-demo does: LWJGL's own memory (GLFW, imgui-java's LWJGL side) counted, before LWJGL loads.
            BurrowLwjglAllocator.install();
        }
        int compactions;
        long memoryEvents;
        // Headless: the longest warm-up + measured steps. Windowed: room for 250 frames a second.
        int expected = (int) Math.min(50_000_000L, headless ? HEADLESS_WARMUP_MAX_STEPS + (long) Math.ceil(seconds * 30)
            : (long) ((WARMUP_MAX_SECONDS + seconds) * 250));
        f = new Frames(expected);
        // Headless runs the sim on an engine of its own; windowed, the arena window makes its engine (the one LWJGL's
        // memory is charged to, and whose native bytes the recorder reads through the sim).
        try (EngineMemory mem = headless ? EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(ArenaSim.frameArenaBytes(enemies, workers))) : null) {
            if (headless) {
                // Warm-up comes on top of the measured seconds and lasts until the horde has done everything it does:
                // enemies spawned at the edges first reach the player after ~12 s, and that first contact sends C2
                // back to recompile (a deoptimisation mid-run allocates).
                long measured = (long) Math.ceil(seconds * 30);
                long mainHash;
                long warmSteps;
                try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), seed, enemies, workers)) {
                    FrameArena frame = mem.frame();
                    ArenaPilot pilot = new ArenaPilot();
                    long warm = warmUp(sim, pilot, frame, f);
                    Progress progress = new Progress(out, measured, "steps");
                    for (long s = 0; s < measured; s++) {
                        headlessStep(sim, pilot, frame, f);
                        if ((s + 1) % 300 == 0 || s + 1 == measured) {
                            progress.update(s + 1, "alive " + sim.enemies().count() + "  wave " + sim.wave() + "  run " + sim.runs()
                                + "  (after " + warm + " warm-up steps)");
                        }
                    }
                    maxAlive = sim.maxAlive();
                    killed = sim.killed();
                    spawned = sim.spawned();
                    ringPeak = sim.ringPeak();
                    ringCapacity = sim.ringCapacity();
                    ringDropped = sim.ringDropped();
                    deaths = sim.playerDeaths();
                    runs = sim.runs();
                    bestScore = Math.max(sim.bestScore(), sim.score());
                    furthestWave = sim.bestWave();
                    dashes = pilot.dashes();
                    pools = poolJson(mem);
                    mainHash = sim.stateHash();
                    warmSteps = warm;
                    compactions = (int) sim.compactions();
                    memoryEvents = sim.memoryEvents();
                }
                if (workers > 1) {
                    baselineOnOneWorker(mem, warmSteps, measured, mainHash);
                }
            } else {
                Frames recorder = f;
                int[] result = new int[1];
                ArenaSim[] seen = new ArenaSim[1];
                recorder.measureFor(seconds);
                ArenaRecorder probe = new ArenaRecorder() {
                    @Override
                    public void frame(int n, long frameNanos, long stepNanos, int steps, long heapBytes, ArenaSim sim) {
                        recorder.frame(n, frameNanos, stepNanos, steps, heapBytes, sim);
                        seen[0] = sim;
                    }

                    @Override
                    public boolean done() {
                        return recorder.done();
                    }
                };
                result[0] = runWindowed(probe);
                ArenaSim sim = seen[0];
                maxAlive = sim == null ? 0 : sim.maxAlive();
                killed = sim == null ? 0 : sim.killed();
                spawned = sim == null ? 0 : sim.spawned();
                ringPeak = sim == null ? 0 : sim.ringPeak();
                ringCapacity = sim == null ? 0 : sim.ringCapacity();
                ringDropped = sim == null ? 0 : sim.ringDropped();
                deaths = sim == null ? 0 : sim.playerDeaths();
                runs = sim == null ? 0 : sim.runs();
                bestScore = sim == null ? 0 : Math.max(sim.bestScore(), sim.score());
                furthestWave = sim == null ? 0 : sim.bestWave();
                dashes = -1; // the windowed pilot lives inside the arena window; its dashes are not counted here
                compactions = sim == null ? 0 : (int) sim.compactions();
                memoryEvents = sim == null ? 0 : sim.memoryEvents();
                pools = "[]";
                if (result[0] != 0) {
                    return result[0];
                }
            }
        }
        return report(f, maxAlive, killed, spawned, ringPeak, ringCapacity, ringDropped, deaths,
            new long[] {runs, bestScore, furthestWave, dashes}, new long[] {compactions, memoryEvents}, pools);
    }

    /**
     * @return warm-up steps: at least {@link #HEADLESS_WARMUP_STEPS}, and until the JIT has been quiet for
     *         {@link #HEADLESS_JIT_QUIET_STEPS} steps or {@link #JIT_QUIET_SECONDS} s, whichever comes first (at
     *         50,000 enemies a step takes about 50 ms: 1,500 quiet steps alone were over a minute, the warm-up 9)
     */
    private static long warmUp(ArenaSim sim, ArenaPilot pilot, FrameArena frame, Frames f) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long jitMillis = -1;
        long quietSince = 0;
        long quietSinceNanos = System.nanoTime();
        long s = 0;
        for (; s < HEADLESS_WARMUP_MAX_STEPS; s++) {
            headlessStep(sim, pilot, frame, f);
            long now = timed ? jit.getTotalCompilationTime() : 0;
            long nanos = System.nanoTime();
            if (now != jitMillis) {
                jitMillis = now;
                quietSince = s;
                quietSinceNanos = nanos;
            }
            boolean quiet = s - quietSince >= HEADLESS_JIT_QUIET_STEPS
                || nanos - quietSinceNanos >= JIT_QUIET_SECONDS * 1_000_000_000L;
            if (s + 1 >= HEADLESS_WARMUP_STEPS && quiet) {
                s++;
                break;
            }
        }
        f.warmupFrames = (int) s;
        return s;
    }

    /**
     * The same game again on one worker, after the measured run: as many warm-up and measured steps (the same seed
     * and autopilot give the same game, step for step), its step times for the speed-up, and its final state, which
     * must equal the run's ({@code --workers} must not change the game).
     */
    private void baselineOnOneWorker(EngineMemory mem, long warm, long measured, long expectedHash) {
        baseline = new double[(int) measured];
        Progress progress = new Progress(out, warm + measured, "steps on 1 worker (the same game, for the comparison)");
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), seed, enemies, 1)) {
            FrameArena frame = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            for (long s = 0; s < warm; s++) {
                oneStep(sim, pilot, frame);
                if ((s + 1) % 300 == 0) {
                    progress.update(s + 1, "");
                }
            }
            for (int s = 0; s < measured; s++) {
                oneStep(sim, pilot, frame);
                baseline[s] = sim.lastStepNanos() / 1e6;
                if ((s + 1) % 300 == 0 || s + 1 == measured) {
                    progress.update(warm + s + 1, "");
                }
            }
            sameResult = sim.stateHash() == expectedHash;
        }
    }

    /** A headless frame: the pilot's input and one step, in the arena's frame phases. */
    private static void oneStep(ArenaSim sim, ArenaPilot pilot, FrameArena frame) {
        frame.begin();
        frame.beginPhase(ArenaCommand.PHASE_INPUT);
        pilot.drive(sim);
        frame.endPhase();
        frame.beginPhase(ArenaCommand.PHASE_STEP);
        sim.step();
        frame.endPhase();
        frame.end();
    }

    private static void headlessStep(ArenaSim sim, ArenaPilot pilot, FrameArena frame, Frames f) {
        long t0 = System.nanoTime();
        oneStep(sim, pilot, frame);
        f.record(System.nanoTime() - t0, sim.lastStepNanos(), 1, frame.lastFrameHeapBytes(), sim, f.memoryEvent(sim));
    }

    /** One panel per quantity, the warm-up boundary across them all, each budget on its panel. */
    private LineChart chart(Frames f, int n, int warm) {
        LineChart chart = new LineChart("stress --arena: " + enemies + " enemies, " + (headless ? "headless" : "windowed") + ", "
            + n + " frames", headless ? "step" : "frame", 0).marker(warm, "warm-up ends");
        LineChart.Panel step = chart.panel(headless ? "step time" : "step time (mean per frame)", LineChart.Unit.MS)
            .series("step ms", f.stepMs, n);
        if (maxStepP99Ms > 0) {
            step.threshold(maxStepP99Ms, "--max-step-p99-ms");
        }
        if (!headless) {
            LineChart.Panel frame = chart.panel("frame time", LineChart.Unit.MS).series("frame ms", f.frameMs, n);
            if (maxFrameP99Ms > 0) {
                frame.threshold(maxFrameP99Ms, "--max-frame-p99-ms");
            }
        }
        chart.panel("enemies alive", LineChart.Unit.COUNT).series("alive", f.alive, n).threshold(enemies, "N = " + enemies + " must be reached");
        chart.panel("Java heap allocated per frame", LineChart.Unit.BYTES).series("heap bytes", f.heap, n)
            .threshold(TIERUP_BYTES, "tolerance: one frame of " + TIERUP_BYTES + " B after warm-up");
        double[] sum = new double[n];
        for (int i = 0; i < n; i++) {
            sum[i] = f.nativeBytes[i] + f.heapUsed[i];
        }
        chart.panel("native + Java heap used (the growth budget)", LineChart.Unit.BYTES).series("native + heap", sum, n)
            .threshold(sum[Math.min(warm, n - 1)] + GROWTH_LIMIT, "limit: at warm-up end + 5 MiB");
        chart.panel("native bytes", LineChart.Unit.BYTES).series("native", f.nativeBytes, n);
        chart.panel("Java heap used", LineChart.Unit.BYTES).series("heap used", f.heapUsed, n);
        chart.panel("process RSS", LineChart.Unit.BYTES).series("RSS", f.rss, n);
        return chart;
    }

    private int runWindowed(ArenaRecorder probe) throws IOException {
        // The windowed arena makes its own engine; the recorder above reads it through the sim it is handed.
        String[] args = {"--enemies", Integer.toString(enemies), "--seed", Long.toString(seed), "--pilot",
            "--workers", Integer.toString(workers)};
        return ArenaCommand.run(args, out, probe, WARMUP_MAX_SECONDS + seconds);
    }

    private static String poolJson(EngineMemory mem) {
        MemorySnapshot s = mem.snapshot();
        Json j = new Json();
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.poolCount(); i++) {
            MemorySnapshot.PoolStats p = s.pool(i);
            b.append(i > 0 ? "," : "").append(new Json().open().field("name", p.name()).field("allocs", p.allocs())
                .field("frees", p.frees()).field("live", p.live()).field("capacity", p.capacity())
                .field("reuseRate", p.reuseRate()).close());
        }
        return b.append(']').toString();
    }

    /**
     * @param play the pilot's game: runs, best score, furthest wave, dashes (-1: not counted)
     * @param memory the particle pool's compactions after bursts, and the sim's memory events in all
     */
    private int report(Frames f, int maxAlive, long killed, long spawned, int ringPeak, int ringCapacity, long ringDropped,
                       long deaths, long[] play, long[] memory, String pools) throws IOException {
        int n = f.n;
        int warm = Math.max(1, f.warmupFrames);
        warm = Math.min(warm, Math.max(0, n - 1));
        long steadyHeap = 0;
        long worst = 0;
        int allocatingFrames = 0;
        int eventFrames = 0;
        long eventHeap = 0;
        for (int i = warm; i < n; i++) {
            if (f.event[i]) {
                eventFrames++;
                eventHeap += (long) f.heap[i];
                continue;
            }
            steadyHeap += (long) f.heap[i];
            worst = Math.max(worst, (long) f.heap[i]);
            if (f.heap[i] > 0) {
                allocatingFrames++;
            }
        }
        int steadyFrames = n - warm - eventFrames;
        double heapPerFrame = steadyFrames == 0 ? 0 : (double) steadyHeap / steadyFrames;
        double base = f.nativeBytes[warm] + f.heapUsed[warm];
        double maxAfter = base;
        for (int i = warm; i < n; i++) {
            maxAfter = Math.max(maxAfter, f.nativeBytes[i] + f.heapUsed[i]);
        }
        long growth = (long) (maxAfter - base);
        double[] frameMsSteady = Arrays.copyOfRange(f.frameMs, warm, n);
        int stepFrom = headless ? warm : 0;
        double[] steps = Arrays.copyOfRange(f.stepSamples, Math.min(stepFrom, f.stepsRecorded), f.stepsRecorded);
        double frameP50 = Stats.quantile(frameMsSteady, frameMsSteady.length, 0.5);
        double frameP99 = Stats.quantile(frameMsSteady, frameMsSteady.length, 0.99);
        double stepP50 = Stats.quantile(steps, steps.length, 0.5);
        double stepP99 = Stats.quantile(steps, steps.length, 0.99);
        long rssGrowth = (long) (Stats.max(Arrays.copyOfRange(f.rss, warm, n), n - warm) - f.rss[warm]);

        List<String> failures = new ArrayList<>();
        if (maxAlive < enemies) {
            failures.add("only " + maxAlive + " of " + enemies + " enemies were ever alive together");
        }
        boolean tierUpOnly = allocatingFrames <= TIERUP_FRAMES && worst <= TIERUP_BYTES;
        if (steadyHeap > 0 && !tierUpOnly) {
            failures.add("Java heap after warm-up: " + steadyHeap + " bytes in " + allocatingFrames + " of " + steadyFrames
                + " frames (worst " + worst + "; tolerated: " + TIERUP_FRAMES + " JIT tier-up frame of at most " + TIERUP_BYTES + " B)");
        }
        if (growth > GROWTH_LIMIT) {
            failures.add("native + heap used grew " + growth + " bytes after warm-up (limit " + GROWTH_LIMIT + ")");
        }
        if (maxStepP99Ms > 0 && stepP99 > maxStepP99Ms) {
            failures.add(String.format(Locale.ROOT, "step time p99 %.3f ms is over --max-step-p99-ms %s", stepP99, maxStepP99Ms));
        }
        double baseP50 = baseline == null ? 0 : Stats.quantile(baseline, baseline.length, 0.5);
        double baseP99 = baseline == null ? 0 : Stats.quantile(baseline, baseline.length, 0.99);
        if (!sameResult) {
            failures.add(workers + " workers played a different game than 1 worker (state hashes differ)");
        }
        if (maxFrameP99Ms > 0 && frameP99 > maxFrameP99Ms) {
            failures.add(String.format(Locale.ROOT, "frame time p99 %.3f ms is over --max-frame-p99-ms %s", frameP99, maxFrameP99Ms));
        }

        Json j = new Json().open().field("schema", 1).field("run", "arena").field("mode", headless ? "headless" : "windowed")
            .field("enemies", enemies).field("seconds", seconds).field("seed", seed).field("passed", failures.isEmpty())
            .field("frames", n).field("warmupFrames", warm)
            .field("enemiesMaxAlive", maxAlive).field("spawned", spawned).field("killed", killed).field("playerFalls", deaths)
            .open("pilot").field("runs", play[0]).field("bestScore", play[1]).field("furthestWave", play[2]).field("dashes", play[3]).close()
            .field("heapBytesPerFrame", heapPerFrame).field("heapBytesAfterWarmup", steadyHeap).field("heapWorstFrameBytes", worst)
            .field("heapAllocatingFrames", allocatingFrames).field("heapTierUpTolerated", steadyHeap > 0 && tierUpOnly)
            .open("memoryEvents").field("frames", eventFrames).field("heapBytes", eventHeap).field("inAll", memory[1])
            .field("compactions", memory[0]).close()
            .field("growthBytes", growth).field("rssGrowthBytes", rssGrowth)
            .open("frameMs").field("p50", frameP50).field("p99", frameP99).close()
            .open("stepMs").field("p50", stepP50).field("p99", stepP99).field("max", Stats.max(steps, steps.length)).close()
            .field("workers", workers);
        if (baseline != null) {
            j.open("oneWorker").field("stepP50", baseP50).field("stepP99", baseP99).field("sameResult", sameResult)
                .field("p50Ratio", baseP50 > 0 ? stepP50 / baseP50 : 0).close();
        }
        j
            .open("timingBudgets").raw("maxStepP99Ms", maxStepP99Ms > 0 ? Double.toString(maxStepP99Ms) : "null")
            .raw("maxFrameP99Ms", maxFrameP99Ms > 0 ? Double.toString(maxFrameP99Ms) : "null").close()
            .open("damageRing").field("capacity", ringCapacity).field("peak", ringPeak).field("dropped", ringDropped).close()
            .raw("pools", pools)
            .array("failures");
        for (String s : failures) {
            j.open().field("message", s).close();
        }
        j.end().close();
        StringBuilder csv = new StringBuilder("frame,frame_ms,step_ms,enemies_alive,heap_bytes,native_bytes,heap_used_bytes,gc_count,rss_bytes\n");
        for (int i = 0; i < n; i++) {
            csv.append(i).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f", f.frameMs[i], f.stepMs[i])).append(',')
                .append((long) f.alive[i]).append(',').append((long) f.heap[i]).append(',').append((long) f.nativeBytes[i]).append(',')
                .append((long) f.heapUsed[i]).append(',').append((long) f.gcs[i]).append(',').append((long) f.rss[i]).append('\n');
        }
        LineChart chart = chart(f, n, warm);
        // Written beside their names and moved into place together, report.json last: a run stopped while it writes
        // (Ctrl-C, a full disk) leaves the previous report whole and removes its own part files.
        try (PartFiles parts = new PartFiles(reportDir, REPORT_FILES)) {
            parts.write("frames.csv", file -> Files.writeString(file, csv, StandardCharsets.UTF_8));
            parts.write("arena.png", chart::write);
            parts.write("report.json", file -> Files.writeString(file, j + "\n", StandardCharsets.UTF_8));
            parts.commit();
        }

        out.println();
        out.printf(Locale.ROOT, "%-34s %d (%s, %.0f s measured, %d frames, the first %d warm-up)%n", "enemies", enemies,
            headless ? "headless" : "windowed", seconds, n, warm);
        out.printf(Locale.ROOT, "%-34s %d%n", "most alive together", maxAlive);
        out.printf(Locale.ROOT, "%-34s %d spawned, %d killed%n", "horde", spawned, killed);
        out.printf(Locale.ROOT, "%-34s %d run(s), best score %d, furthest wave %d, %d fall(s)%s%n", "autopilot", play[0], play[1],
            play[2], deaths, play[3] >= 0 ? ", " + play[3] + " dash(es)" : "");
        out.printf(Locale.ROOT, "%-34s %.3f / %.3f ms%n", "frame time p50 / p99", frameP50, frameP99);
        out.printf(Locale.ROOT, "%-34s %.3f / %.3f ms%s%n", "step time p50 / p99", stepP50, stepP99,
            workers > 1 ? " on " + workers + " workers" : "");
        if (baseline != null) {
            out.printf(Locale.ROOT, "%-34s %.3f / %.3f ms (%d workers: %.2fx the p50 of one; same game: %s)%n",
                "step time p50 / p99 on 1 worker", baseP50, baseP99, workers, baseP50 > 0 ? stepP50 / baseP50 : 0,
                sameResult ? "yes" : "NO");
        }
        out.printf(Locale.ROOT, "%-34s %.1f B (%d B in %d of %d frames%s)%n", "Java heap per frame after warm-up", heapPerFrame,
            steadyHeap, allocatingFrames, steadyFrames, steadyHeap > 0 && tierUpOnly ? "; tolerated as the JIT tier-up frame" : "");
        out.printf(Locale.ROOT, "%-34s %d frame(s), %d B of Java heap (particle pool: %d compaction(s) after bursts; not steady"
            + " frames: a burst's slabs and the compaction cost heap by design)%n", "memory events after warm-up", eventFrames, eventHeap,
            memory[0]);
        out.printf(Locale.ROOT, "%-34s %d B (RSS %d B)%n", "native + heap growth after warm-up", growth, rssGrowth);
        out.printf(Locale.ROOT, "%-34s %d / %d, %d dropped%n", "damage ring peak", ringPeak, ringCapacity, ringDropped);
        out.printf(Locale.ROOT, "%-34s %s%n", "report", reportDir.toAbsolutePath());
        if (!failures.isEmpty()) {
            out.println("FAILED:");
            for (String s : failures) {
                out.println("  " + s);
            }
            return ExitCode.FAILED;
        }
        out.println("PASSED");
        return ExitCode.OK;
    }
}
