package dev.burrow.stress;

import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Validator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.stress.report.Json;
import dev.burrow.stress.report.LineChart;
import dev.burrow.stress.report.ProcessMemory;
import dev.burrow.stress.report.Progress;
import dev.burrow.stress.report.Stats;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stress --regen --count N}: generate, validate, re-generate (determinism) and close N levels, and prove
 * that native memory returns to its baseline after every cycle, to the byte.
 *
 * <p>Before the counted cycles, warm-up levels (other seeds) run until the JIT settles, so RSS growth measures the
 * program, not the compiler. "Native bytes outstanding" is everything engine-memory holds except the frame arena's block, which is
 * per-thread scratch sized to the largest frame (it is pre-sized from the map, reported per cycle as capacity, and
 * may grow only when a frame overflows it).</p>
 */
final class RegenRun {
    static final long RSS_LIMIT = 4L << 20;
    static final int RSS_WARMUP = 10;

    private final PrintStream out;

    RegenRun(PrintStream out) {
        this.out = out;
    }

    private int count;
    private long seed0;
    private int depth;
    private boolean allDepths;
    private int[] size;
    private Path reportDir;

    /** Parses and checks every argument (and the report directory) without running anything. */
    void parse(String[] argv) {
        Args a = new Args("stress --regen").flag("regen").value("count").value("seed").value("depth")
            .flag("all-depths").value("size").flag("validate").value("report").value("assets").parse(argv);
        count = (int) a.number("count", 100, 1, 10_000_000);
        seed0 = a.seed("seed", 1);
        if (a.has("depth") && a.has("all-depths")) {
            throw new dev.burrow.dungeon.cli.UsageException("stress --regen: give --depth or --all-depths, not both");
        }
        depth = (int) a.number("depth", 1, 1, 1000);
        allDepths = a.has("all-depths");
        size = a.size("size", DEFAULT_W, DEFAULT_H, Generator.MIN_SIDE, Generator.MAX_SIDE);
        reportDir = ReportDir.prepare(a.string("report", "reports/regen"), "report", REPORT_FILES);
        assets = dev.burrow.dungeon.gen.GenAssets.from(a.string("assets", null)); // bad files fail before the fork
    }

    private dev.burrow.dungeon.gen.GenAssets assets;

    int run(String[] argv) throws IOException {
        parse(argv);
        long cells = (long) size[0] * size[1];
        long frameBytes = Math.max(256 * 1024, Long.highestOneBit(cells * 64 * 2 - 1));
        Log log = new Log(count);
        Generator gen = new Generator(assets);
        // Every file is written beside its final name and moved into place once the run has passed or failed on its
        // own terms: a run that dies (a fault, Ctrl-C, a full disk) leaves the previous report whole, not mixed, and
        // removes its own part files.
        try (PartFiles parts = new PartFiles(reportDir, REPORT_FILES)) {
            return measure(parts, log, gen, frameBytes);
        }
    }

    /** In the order they are moved into place: report.json last, as it says the others are this run's. */
    private static final String[] REPORT_FILES = {"cycles.csv", "memory.png", "report.json"};

    private int measure(PartFiles parts, Log log, Generator gen, long frameBytes) throws IOException {
        int warmup;
        String allocator;
        MemorySnapshot snap;
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(frameBytes));
             Writer csv = parts.writer("cycles.csv")) {
            allocator = mem.allocatorName();
            mem.frame();
            snap = mem.snapshot();
            warmup = warmUp(mem, gen, snap);
            snap = mem.snapshot(snap);
            log.baseline = snap.nativeBytes() - snap.frameBytes();
            log.failures.clear();
            log.failureCount = 0;
            log.csv.setLength(0);
            log.retries = 0;
            log.maxDrift = 0;
            // Streamed, not kept: at --count 10000000 the rows alone would be over a gigabyte of heap.
            csv.write(CSV_HEADER);
            Progress progress = new Progress(out, count, "levels");
            for (int i = 0; i < count; i++) {
                long seed = seed0 + i;
                cycle(mem, gen, snap, log, i, seed, allDepths ? 1 + i % 26 : depth);
                csv.append(log.csv);
                log.csv.setLength(0);
                progress.update(i + 1, seed, log.genMs[i], (long) log.drift[i]);
            }
            snap = mem.snapshot(snap);
        }
        return report(parts, log, warmup, allocator, snap);
    }

    /** Everything one cycle records; also filled (and thrown away) by the warm-up, so the same code gets compiled. */
    static final class Log {
        final double[] genMs;
        final double[] nativeOut;
        final double[] heap;
        final double[] rss;
        final double[] drift;
        /** The first {@link #KEPT_FAILURES} failures; {@link #failureCount} counts them all. */
        final List<String[]> failures = new ArrayList<>();
        long failureCount;
        final StringBuilder csv = new StringBuilder();
        long baseline;
        long maxDrift;
        long retries;

        void fail(String seed, String depth, String phase, String message) {
            failureCount++;
            if (failures.size() < KEPT_FAILURES) {
                failures.add(new String[] {seed, depth, phase, message});
            }
        }

        Log(int n) {
            genMs = new double[n];
            nativeOut = new double[n];
            heap = new double[n];
            rss = new double[n];
            drift = new double[n];
        }
    }

    /** One cycle: generate (timed), validate, free, regenerate and compare hashes, free, record memory. */
    private void cycle(EngineMemory mem, Generator gen, MemorySnapshot snap, Log log, int i, long seed, int d) {
        cycle(mem, gen, snap, log, i, seed, d, size[0], size[1]);
    }

    private void cycle(EngineMemory mem, Generator gen, MemorySnapshot snap, Log log, int i, long seed, int d, int w, int h) {
        long t0 = System.nanoTime();
        Level level;
        try {
            level = gen.generate(mem, seed, d, w, h);
        } catch (dev.burrow.memory.OutOfNativeMemoryException e) {
            throw e; // the machine (or BURROW_FAIL_AFTER) failed, not the seed: end the run with the one-line error
        } catch (RuntimeException e) {
            log.fail(Long.toString(seed), Integer.toString(d), "generate", e.getMessage());
            log.genMs[i] = Double.NaN;
            record(i, mem, snap, log);
            return;
        }
        log.genMs[i] = (System.nanoTime() - t0) / 1e6;
        log.retries += level.attempt();
        long hash = level.hash();
        List<String> problems = Validator.check(level, mem.frame());
        int attempts = level.attempt() + 1;
        level.close();
        boolean deterministic;
        try (Level again = gen.generate(mem, seed, d, w, h)) {
            deterministic = again.hash() == hash;
        }
        if (!problems.isEmpty()) {
            log.fail(Long.toString(seed), Integer.toString(d), "validate", String.join("; ", problems));
        }
        if (!deterministic) {
            log.fail(Long.toString(seed), Integer.toString(d), "determinism", "second generation gave another hash");
        }
        record(i, mem, snap, log);
        if (log.drift[i] != 0) {
            log.fail(Long.toString(seed), Integer.toString(d), "memory",
                String.format(Locale.ROOT, "%+.0f native bytes outstanding after close (baseline %d)", log.drift[i], log.baseline));
        }
        log.maxDrift = Math.max(log.maxDrift, (long) Math.abs(log.drift[i]));
        log.csv.append(i + 1).append(',').append(seed).append(',').append(d).append(',').append(attempts).append(',')
            .append(String.format(Locale.ROOT, "%.4f", log.genMs[i])).append(',').append(problems.isEmpty()).append(',')
            .append(deterministic).append(',').append(String.format("%016x", hash)).append(',')
            .append((long) log.nativeOut[i]).append(',').append((long) log.drift[i]).append(',').append(snap.frameBytes()).append(',')
            .append(mem.frame().highWater()).append(',').append((long) log.heap[i]).append(',').append((long) log.rss[i]).append(',')
            .append(JIT.getTotalCompilationTime()).append('\n');
    }

    private int report(PartFiles parts, Log log, int warmup, String allocator, MemorySnapshot snap) throws IOException {
        long rssGrowth = rssGrowth(log.rss, count); // -1: not measured
        if (rssGrowth > RSS_LIMIT) {
            log.fail("-", "-", "rss", "RSS grew " + rssGrowth + " bytes after cycle " + RSS_WARMUP + " (limit " + RSS_LIMIT + ")");
        }
        List<String[]> failures = log.failures;
        double[] okMs = new double[count];
        int okN = 0;
        for (double v : log.genMs) {
            if (!Double.isNaN(v)) {
                okMs[okN++] = v;
            }
        }
        double median = Stats.quantile(okMs, okN, 0.5);
        double p95 = Stats.quantile(okMs, okN, 0.95);

        Json j = new Json().open()
            .field("schema", 1).field("run", "regen").field("cycles", count)
            .field("size", size[0] + "x" + size[1]).field("seedFirst", seed0)
            .field("depth", allDepths ? "all" : Integer.toString(depth)).field("allocator", allocator)
            .field("passed", log.failureCount == 0).field("failureCount", log.failureCount)
            .field("nativeBaselineBytes", log.baseline).field("nativeMaxDriftBytes", log.maxDrift)
            .raw("rssGrowthBytes", rssGrowth < 0 ? "null" : Long.toString(rssGrowth)).field("retries", log.retries).field("warmupLevels", warmup)
            .open("genMs").field("median", median).field("p95", p95).field("max", Stats.max(okMs, okN)).close()
            .field("heapUsedMaxBytes", (long) Stats.max(log.heap, count))
            .array("failures");
        for (String[] f : failures) {
            j.open().field("seed", f[0]).field("depth", f[1]).field("phase", f[2]).field("message", f[3]).close();
        }
        j.end().raw("engineAtEnd", snap.toJson()).close();
        parts.write("report.json", p -> Files.writeString(p, j + "\n", StandardCharsets.UTF_8));
        parts.write("memory.png", chart(log, allocator)::write);
        parts.commit();

        out.println();
        out.printf(Locale.ROOT, "%-28s %s%n", "levels", count + " x " + size[0] + "x" + size[1] + (allDepths ? " (all depths)" : " (depth " + depth + ")"));
        out.printf(Locale.ROOT, "%-28s %s%n", "allocator", allocator);
        out.printf(Locale.ROOT, "%-28s %d B%n", "native baseline", log.baseline);
        out.printf(Locale.ROOT, "%-28s %d B%n", "native max drift", log.maxDrift);
        out.printf(Locale.ROOT, "%-28s %s%n", "RSS growth after cycle " + RSS_WARMUP, rssGrowth >= 0 ? rssGrowth + " B"
            : count <= RSS_WARMUP ? "not measured (needs --count " + (RSS_WARMUP + 1) + " or more)" : "not measured (no RSS on this system)");
        out.printf(Locale.ROOT, "%-28s %.3f ms / %.3f ms%n", "generation median / p95", median, p95);
        out.printf(Locale.ROOT, "%-28s %d%n", "retried attempts", log.retries);
        out.printf(Locale.ROOT, "%-28s %d cycles (until the JIT settled)%n", "warm-up, not counted", warmup);
        out.printf(Locale.ROOT, "%-28s %s%n", "report", reportDir.toAbsolutePath());
        if (log.failureCount > 0) {
            out.println("FAILED: " + log.failureCount + " failure(s)" + (log.failureCount > KEPT_FAILURES
                ? " (report.json lists the first " + KEPT_FAILURES + ")" : ""));
            for (String[] f : failures.subList(0, Math.min(20, failures.size()))) {
                out.println("  seed " + f[0] + " depth " + f[1] + " [" + f[2] + "] " + f[3]);
            }
            return ExitCode.FAILED;
        }
        out.println("PASSED");
        return ExitCode.OK;
    }

    /** One panel per quantity; the native budget is the baseline itself, the RSS budget starts at cycle 10. */
    private LineChart chart(Log log, String allocator) {
        LineChart chart = new LineChart("stress --regen: " + count + " levels of " + size[0] + "x" + size[1] + " ("
            + allocator + ")", "cycle", 1);
        if (count > RSS_WARMUP) {
            chart.marker(RSS_WARMUP, "RSS measured from here");
        }
        chart.panel("native bytes outstanding after close (flat = no leak)", LineChart.Unit.BYTES)
            .series("native outstanding", log.nativeOut, count).threshold(log.baseline, "baseline: any drift fails");
        LineChart.Panel rss = chart.panel("process RSS", LineChart.Unit.BYTES).series("RSS", log.rss, count);
        if (count > RSS_WARMUP && log.rss[RSS_WARMUP - 1] > 0) {
            rss.threshold(log.rss[RSS_WARMUP - 1] + RSS_LIMIT, "limit: RSS at cycle " + RSS_WARMUP + " + 4 MiB");
        }
        chart.panel("Java heap used", LineChart.Unit.BYTES).series("heap used", log.heap, count);
        chart.panel("generation time (after the warm-up)", LineChart.Unit.MS).series("generation ms", log.genMs, count);
        return chart;
    }

    /** Failures kept for report.json and the summary; more are only counted (a run that fails every cycle). */
    static final int KEPT_FAILURES = 1000;

    /**
     * The measuring JVM's fixed heap: 256 MiB for the generator and the report, plus room for the five per-cycle
     * columns (5 doubles, 40 B a cycle; 48 B with slack), so {@code --count 10000000} runs in a 714 MiB heap instead
     * of failing with OutOfMemoryError. The rows of cycles.csv are streamed to disk, not kept.
     *
     * @return MiB
     */
    long childHeapMiB() {
        return 256 + ((long) count * 48 + (1 << 20) - 1) / (1 << 20);
    }

    static final String CSV_HEADER = "cycle,seed,depth,attempts,gen_ms,valid,deterministic,hash,native_outstanding_bytes,drift_bytes,"
        + "frame_capacity_bytes,frame_high_water_bytes,heap_used_bytes,rss_bytes,jit_ms_total\n";

    /**
     * Warms up on seeds the run does not use, into a throw-away log, so the measured cycles run compiled code and
     * RSS growth measures the program, not the compiler. Scaled to the work, and it says what it does:
     * <ol>
     * <li>the JIT phase: cycles at the default size (or the requested one, when smaller) until the JIT has been quiet
     * for {@link #WARMUP_QUIET} cycles and {@link #WARMUP_QUIET_MS} ms, at most {@link #WARMUP_MAX} cycles (a few
     * seconds). The code is the same at every size; small levels get it compiled in milliseconds instead of the
     * minutes hundreds of 1024x1024 levels took;</li>
     * <li>the size phase: cycles at the requested size, so its memory (frame block, jemalloc extents) is settled,
     * until a cycle passes with no compilation, at most {@link #SIZE_WARMUP_MAX} and never more than the run's own
     * count: {@code --count 1 --size 1024x1024} warms up with one full-size level.</li>
     * </ol>
     *
     * @return warm-up cycles run
     */
    int warmUp(EngineMemory mem, Generator gen, MemorySnapshot snap) {
        Log scratch = new Log(1);
        int w = Math.min(size[0], DEFAULT_W);
        int h = Math.min(size[1], DEFAULT_H);
        boolean small = w != size[0] || h != size[1];
        out.println("warm-up (not counted): " + (small ? w + "x" + h + " levels until the JIT is quiet, then up to "
            + sizeWarmups() + " at " + size[0] + "x" + size[1] : size[0] + "x" + size[1] + " levels until the JIT is quiet"));
        long started = System.nanoTime();
        long last = jitMillis();
        long quietSince = System.nanoTime();
        long lastNote = System.nanoTime();
        int quiet = 0;
        int n = 0;
        while (n < WARMUP_MAX && (quiet < WARMUP_QUIET || System.nanoTime() - quietSince < WARMUP_QUIET_MS * 1_000_000L)) {
            warmCycle(mem, gen, snap, scratch, n, w, h);
            n++;
            long now = jitMillis();
            if (now != last) {
                quiet = 0;
                quietSince = System.nanoTime();
            } else {
                quiet++;
            }
            last = now;
            if (System.nanoTime() - lastNote > 5_000_000_000L) {
                lastNote = System.nanoTime();
                out.println("  warm-up: " + n + " levels, JIT " + (quiet > 0 ? "quiet for " + quiet : "busy"));
            }
        }
        if (small) {
            int most = sizeWarmups();
            for (int k = 0; k < most; k++) {
                long before = jitMillis();
                long t0 = System.nanoTime();
                warmCycle(mem, gen, snap, scratch, n, size[0], size[1]);
                n++;
                out.printf(Locale.ROOT, "  warm-up level %d of at most %d at %dx%d: %.0f ms%n", k + 1, most, size[0], size[1],
                    (System.nanoTime() - t0) / 1e6);
                if (jitMillis() == before) {
                    break;
                }
            }
        }
        out.printf(Locale.ROOT, "warm-up done: %d levels in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
        return n;
    }

    private void warmCycle(EngineMemory mem, Generator gen, MemorySnapshot snap, Log scratch, int n, int w, int h) {
        cycle(mem, gen, snap, scratch, 0, -1 - n, 1 + n % 26, w, h);
        scratch.csv.setLength(0);
        scratch.failures.clear();
    }

    private int sizeWarmups() {
        return Math.min(SIZE_WARMUP_MAX, count);
    }

    private static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }

    private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();
    static final int WARMUP_QUIET = 200;
    static final long WARMUP_QUIET_MS = 1500;
    static final int WARMUP_MAX = 20_000;
    /** Full-size warm-up levels after the JIT phase, at most (and at most the run's --count). */
    static final int SIZE_WARMUP_MAX = 5;
    /** The size the JIT phase of the warm-up uses (the default --size). */
    static final int DEFAULT_W = 80;
    static final int DEFAULT_H = 50;

    private static void record(int i, EngineMemory mem, MemorySnapshot snap, Log log) {
        mem.snapshot(snap);
        log.nativeOut[i] = snap.nativeBytes() - snap.frameBytes();
        log.drift[i] = log.nativeOut[i] - log.baseline;
        Runtime rt = Runtime.getRuntime();
        log.heap[i] = rt.totalMemory() - rt.freeMemory();
        log.rss[i] = ProcessMemory.rssBytes();
    }

    /**
     * @return the largest RSS after cycle {@link #RSS_WARMUP} minus RSS at that cycle, or -1 when there is nothing to
     *         measure: a run of {@link #RSS_WARMUP} cycles or fewer, or a system that does not tell RSS
     */
    static long rssGrowth(double[] rss, int n) {
        if (n <= RSS_WARMUP || rss[RSS_WARMUP - 1] < 0) {
            return -1;
        }
        double base = rss[RSS_WARMUP - 1];
        double max = base;
        for (int i = RSS_WARMUP; i < n; i++) {
            max = Math.max(max, rss[i]);
        }
        return (long) (max - base);
    }
}
