package dev.burrow.stress;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.cli.Version;
import dev.burrow.dungeon.gen.AssetException;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.OutOfNativeMemoryException;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** {@code stress --regen ... | --bench ...}: headless runs that hold the numbers. */
public final class Main {
    static final String USAGE = String.join("\n",
        "usage: stress --regen [--count N] [--seed S] [--depth D | --all-depths] [--size WxH] [--validate] [--report DIR] [--assets DIR] [--no-fork]",
        "       stress --arena [--enemies N] [--seconds S] [--seed S] [--headless] [--workers N] [--max-step-p99-ms MS] [--max-frame-p99-ms MS] [--report DIR] [--no-fork]",
        "       stress --bench-report [--quick] [--include REGEX] [--out DIR]   run every JMH benchmark, write jmh.json and results.md (default docs/bench)",
        "       stress --bench [JMH options]      the plain JMH command line (e.g. --bench -prof gc FrameBench)",
        "       stress explain [CODE]             what a diagnostic code means, an example and the fix (no code: the list)",
        "       stress diff A.json B.json         what changed between two snapshot files (per tag, pool and group)",
        "       stress -h | --help | --version",
        "exit codes: 0 passed, 1 a budget or invariant broke, 2 bad arguments, 3 bad asset file, 4 out of native memory, 5 no display, 6 cannot write the report");

    private Main() {
    }

    /** @param args command line */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * Checks the BURROW_* variables and -Dburrow.* properties the run's engine will read, so that a bad value is one
     * line from this JVM before anything is forked (not a trace from the child).
     */
    private static void checkMemoryOverrides() {
        try {
            MemoryConfig.defaults().withEnvironment(System.getenv()).withSystemProperties(System.getProperties());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** @param args command line @return the exit code */
    public static int run(String[] args) {
        if (args.length > 0 && args[0].equals("--bench")) { // JMH's own options, its -h included
            return Bench.run(Arrays.copyOfRange(args, 1, args.length), System.err);
        }
        List<String> given = Arrays.asList(args);
        if (args.length == 0 || given.contains("--help") || given.contains("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        if (given.contains("--version")) {
            System.out.println(Version.line("stress"));
            return ExitCode.OK;
        }
        try {
            if (args[0].equals("explain")) {
                return new Explain(System.out).run(args);
            }
            if (args[0].equals("diff")) {
                return new Diff(System.out).run(args);
            }
            checkMemoryOverrides();
            List<String> list = new java.util.ArrayList<>(Arrays.asList(args));
            boolean noFork = list.remove("--no-fork");
            if (list.contains("--no-fork")) {
                throw new UsageException("stress: --no-fork given twice", ExitCode.USAGE);
            }
            String[] rest = list.toArray(new String[0]);
            if (list.contains("--regen")) {
                if (!noFork && !Fork.inChild()) {
                    RegenRun regen = new RegenRun(System.out);
                    regen.parse(rest); // bad arguments fail here, before a JVM is forked
                    return Fork.run(rest, regen.childHeapMiB());
                }
                return new RegenRun(System.out).run(rest);
            }
            if (list.contains("--arena")) {
                if (!noFork && !Fork.inChild()) {
                    new ArenaRun(System.out).parse(rest);
                    return Fork.run(rest, ArenaRun.CHILD_HEAP_MIB, ArenaRun.JVM_FLAGS);
                }
                return new ArenaRun(System.out).run(rest);
            }
            if (list.contains("--bench-report")) {
                return new BenchReport(System.out).run(rest);
            }
            throw new UsageException("stress: say which run: --regen, --arena or --bench-report (see --help)");
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (AssetException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.BAD_ASSET;
        } catch (dev.burrow.dungeon.render.NoDisplayException e) {
            System.err.println("error: " + e.getMessage() + " (or use --headless)");
            return ExitCode.NO_DISPLAY;
        } catch (OutOfNativeMemoryException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCode.OUT_OF_MEMORY;
        } catch (IOException e) {
            System.err.println("error: cannot write the report: " + e.getMessage());
            return ExitCode.IO;
        } catch (org.openjdk.jmh.runner.RunnerException e) {
            System.err.println("error: benchmark run failed: " + e.getMessage());
            return ExitCode.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED;
        }
    }
}
