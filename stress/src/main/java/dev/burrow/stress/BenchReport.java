package dev.burrow.stress;

import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code stress --bench-report [--quick] [--out DIR]}: runs every JMH benchmark in one run (average time, ns/op,
 * with the GC profiler), saves the raw JMH JSON and writes a Markdown table of medians, B/op and the ratio to the
 * best baseline of each case. One command regenerates docs/performance.md's table (docs/bench/results.md).
 */
final class BenchReport {
    private final PrintStream out;

    BenchReport(PrintStream out) {
        this.out = out;
    }

    int run(String[] argv) throws IOException, RunnerException {
        Args a = new Args("stress --bench-report").flag("bench-report").flag("quick").value("out").value("include").parse(argv);
        boolean quick = a.has("quick");
        String include = a.string("include", "dev\\.burrow\\.stress\\.bench\\..*");
        try {
            java.util.regex.Pattern.compile(include);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new dev.burrow.dungeon.cli.UsageException("stress --bench-report: --include is not a regular expression: '"
                + include + "' (" + e.getDescription() + " at index " + e.getIndex() + ")");
        }
        if (org.openjdk.jmh.runner.BenchmarkList.defaultList().find(
                org.openjdk.jmh.runner.format.OutputFormatFactory.createFormatInstance(out,
                    org.openjdk.jmh.runner.options.VerboseMode.SILENT),
                java.util.List.of(include), java.util.List.of()).isEmpty()) {
            throw new dev.burrow.dungeon.cli.UsageException("stress --bench-report: --include '" + include
                + "' matches no benchmark (names look like dev.burrow.stress.bench.PoolBench.burrowPoolAllocFree)");
        }
        Path dir = ReportDir.prepare(a.string("out", "docs/bench"), "out");
        Path json = dir.resolve("jmh.json");
        ChainedOptionsBuilder o = new OptionsBuilder()
            .include(include)
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.NANOSECONDS)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
            .measurementIterations(quick ? 2 : 5)
            .measurementTime(TimeValue.milliseconds(quick ? 200 : 1000))
            .addProfiler(GCProfiler.class)
            .jvmArgsAppend("-Xms1g", "-Xmx1g")
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
        if (quick) {
            o.forks(1); // else each class's @Fork: three JVMs where a target has little headroom
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        String table = table(results, quick);
        Files.writeString(dir.resolve("results.md"), table, StandardCharsets.UTF_8);
        out.println();
        out.println(table);
        out.println("raw JMH JSON: " + json.toAbsolutePath());
        return ExitCode.OK;
    }

    /** A row: one benchmark method at one parameter set. */
    private static final class Row {
        String bench;
        String method;
        String params;
        double median;
        double bytesPerOp;
    }

    static String table(Collection<RunResult> results, boolean quick) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            Row row = new Row();
            String label = r.getParams().getBenchmark();
            int dot = label.lastIndexOf('.');
            row.method = label.substring(dot + 1);
            String cls = label.substring(0, dot);
            row.bench = cls.substring(cls.lastIndexOf('.') + 1);
            StringBuilder p = new StringBuilder();
            for (String k : r.getParams().getParamsKeys()) {
                p.append(p.length() == 0 ? "" : " ").append(k).append('=').append(r.getParams().getParam(k));
            }
            row.params = p.toString();
            row.median = median(r);
            Result<?> gc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            row.bytesPerOp = gc == null ? Double.NaN : gc.getScore();
            rows.add(row);
        }
        Map<String, Double> bestBaseline = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.method.startsWith("burrow")) {
                bestBaseline.merge(r.bench + "|" + r.params, r.median, Math::min);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("| benchmark | case | params | median ns/op | B/op | best baseline / this |\n");
        b.append("|---|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            Double base = bestBaseline.get(r.bench + "|" + r.params);
            if (base == null) {
                base = bestBaseline.get(r.bench + "|"); // a parameter only Burrow's case has (its debug level)
            }
            String ratio = base == null || !r.method.startsWith("burrow") ? "" : String.format(Locale.ROOT, "%.1fx", base / r.median);
            b.append("| ").append(r.bench).append(" | ").append(r.method).append(" | ").append(r.params.isEmpty() ? "-" : r.params)
                .append(" | ").append(fmt(r.median)).append(" | ").append(Double.isNaN(r.bytesPerOp) ? "?" : String.format(Locale.ROOT, "%.2f", r.bytesPerOp))
                .append(" | ").append(ratio).append(" |\n");
        }
        Runtime rt = Runtime.getRuntime();
        b.append("\nMachine: ").append(rt.availableProcessors()).append(" cores, ").append(System.getProperty("java.vm.name"))
            .append(' ').append(System.getProperty("java.version")).append(", LWJGL ").append(org.lwjgl.Version.getVersion())
            .append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
            .append(quick ? ". QUICK profile: indicative only." : ".")
            .append(" Median of the measurement iterations (over three JVMs for the benchmarks whose targets have little headroom: Pool, DebugCost, Phase and Heap; one for the rest); B/op from JMH's GC profiler (gc.alloc.rate.norm).\n");
        return b.toString();
    }

    private static double median(RunResult r) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult br : r.getBenchmarkResults()) {
            br.getIterationResults().forEach(it -> scores.add(it.getPrimaryResult().getScore()));
        }
        if (scores.isEmpty()) {
            return r.getPrimaryResult().getScore();
        }
        scores.sort(Double::compare);
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
    }

    private static String fmt(double ns) {
        return ns >= 100_000 ? String.format(Locale.ROOT, "%,.0f", ns) : ns >= 100 ? String.format(Locale.ROOT, "%.0f", ns)
            : String.format(Locale.ROOT, "%.2f", ns);
    }
}
