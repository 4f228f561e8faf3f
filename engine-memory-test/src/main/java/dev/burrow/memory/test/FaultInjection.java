package dev.burrow.memory.test;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.OutOfNativeMemoryException;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a scenario once per fault point N, each time in a fresh engine whose N-th native allocation fails
 * ({@link MemoryConfig#failAfter(long)}), and requires every run to end cleanly: the scenario either completes or
 * throws {@link OutOfNativeMemoryException} (directly or as the cause of what it throws), and once the engine is
 * closed nothing leaked ({@link MemoryLeaks}) and no native byte or block is held.
 *
 * <pre>{@code
 * FaultInjection.of(MemoryConfig.defaults().groupChunkBytes(4096))
 *     .everyAllocation(200)                    // or .at(1, 2, 3, 10, 100)
 *     .run(mem -> {
 *         try (Level level = generator.generate(mem, 42, 3, 80, 50)) {
 *             level.validate();
 *         }
 *     });
 * }</pre>
 *
 * <p>The engine is created with {@link EngineMemory#createExactly} (the environment cannot change the points), its
 * diagnostics are captured rather than logged ({@link CapturedDiagnostics}), and
 * strict, so a clean-up path that frees twice fails the run with its code instead of passing quietly. The scenario
 * must not keep the engine: a new one is made for every N.</p>
 */
public final class FaultInjection {
    private final MemoryConfig base;
    private long[] points;
    private int everyUpTo;

    private FaultInjection(MemoryConfig base) {
        this.base = base.strict(true).failAfter(0);
    }

    /**
     * @param base the engine settings for every run; strict mode is forced on and failAfter set per run
     * @return a fault injection over those settings
     */
    public static FaultInjection of(MemoryConfig base) {
        return new FaultInjection(base);
    }

    /** @return a fault injection over the defaults at {@link DebugLevel#PARANOID}, so leaks name their sites */
    public static FaultInjection withDefaults() {
        return of(MemoryConfig.defaults().debug(DebugLevel.PARANOID));
    }

    /**
     * Fails these allocations, one run each.
     *
     * @param n 1-based allocation numbers
     * @return this
     */
    public FaultInjection at(long... n) {
        for (long p : n) {
            if (p < 1) {
                throw new IllegalArgumentException("fault points are 1-based allocation numbers: " + p);
            }
        }
        this.points = n.clone();
        this.everyUpTo = 0;
        return this;
    }

    /**
     * Counts the scenario's native allocations in a run without faults, then fails each of them in turn: every
     * allocation the scenario makes is a fault point. When it makes more than {@code max}, {@code max} points
     * spread evenly from the first to the last are used.
     *
     * @param max the most runs to make, at least 1
     * @return this
     */
    public FaultInjection everyAllocation(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("everyAllocation needs max >= 1: " + max);
        }
        this.everyUpTo = max;
        this.points = null;
        return this;
    }

    /**
     * Runs the scenario at every point.
     *
     * @param scenario the code under test; gets a fresh engine per run
     * @return what happened at each point
     * @throws AssertionFailedError naming N at the first unclean run, or when no point fired at all (a matrix that
     *         never failed an allocation tested nothing)
     */
    public List<Outcome> run(Scenario scenario) {
        long[] at = points != null ? points : spread(countAllocations(scenario), everyUpTo);
        if (at == null || at.length == 0) {
            throw new IllegalStateException("FaultInjection: say where to fail with at(...) or everyAllocation(max)");
        }
        List<Outcome> outcomes = new ArrayList<>(at.length);
        for (long n : at) {
            outcomes.add(runAt(scenario, n));
        }
        if (outcomes.stream().noneMatch(Outcome::fired)) {
            throw new AssertionFailedError("no fault point fired: the scenario makes fewer native allocations than "
                + Arrays.stream(at).min().getAsLong() + ", so the matrix tested nothing");
        }
        return outcomes;
    }

    private long countAllocations(Scenario scenario) {
        EngineMemory mem = EngineMemory.createExactly(base);
        CapturedDiagnostics captured = CapturedDiagnostics.on(mem);
        try {
            scenario.run(mem);
        } catch (Throwable t) {
            MemoryLeaks.closeAndFind(mem, captured);
            throw new AssertionFailedError("the scenario fails without any fault injected: " + t, t);
        }
        long n = mem.snapshot().nativeMallocs();
        List<String> leaks = MemoryLeaks.closeAndFind(mem, captured);
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError("the scenario leaks without any fault injected:\n  " + String.join("\n  ", leaks));
        }
        return n;
    }

    static long[] spread(long count, int max) {
        if (count <= 0) {
            throw new AssertionFailedError("the scenario made no native allocation: nothing to fail");
        }
        int k = (int) Math.min(count, max);
        long[] at = new long[k];
        for (int i = 0; i < k; i++) {
            at[i] = k == 1 ? 1 : 1 + Math.round((double) i * (count - 1) / (k - 1));
        }
        return at;
    }

    private Outcome runAt(Scenario scenario, long n) {
        EngineMemory mem = EngineMemory.createExactly(base.failAfter(n));
        CapturedDiagnostics captured = CapturedDiagnostics.on(mem);
        Throwable thrown = null;
        try {
            scenario.run(mem);
        } catch (Throwable t) {
            thrown = t;
        }
        boolean fired = mem.diagnosticCount(DiagnosticCode.EM701) > 0 || mem.snapshot().nativeMallocs() >= n;
        OutOfNativeMemoryException oom = outOfMemory(thrown);
        List<String> leaks = MemoryLeaks.closeAndFind(mem, captured);
        String where = "fault point N=" + n + " (native allocation #" + n + " fails): ";
        if (thrown instanceof AssertionError) {
            AssertionFailedError e = new AssertionFailedError(where + "the scenario's own check failed: " + thrown.getMessage(), thrown);
            throw e;
        }
        if (thrown != null && oom == null) {
            throw new AssertionFailedError(where + "expected completion or OutOfNativeMemoryException, got " + thrown, thrown);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError(where + (oom != null ? "after OutOfNativeMemoryException, " : "after completing, ")
                + "something was left behind:\n  " + String.join("\n  ", leaks), thrown);
        }
        if (mem.snapshot().nativeBlocks() != 0) {
            throw new AssertionFailedError(where + mem.snapshot().nativeBlocks() + " native blocks still held after close");
        }
        return new Outcome(n, fired, oom != null ? oom.getMessage() : null);
    }

    private static OutOfNativeMemoryException outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfNativeMemoryException) {
                return (OutOfNativeMemoryException) c;
            }
        }
        return null;
    }

    /** The code under test, run once per fault point. */
    @FunctionalInterface
    public interface Scenario {
        /**
         * @param mem a fresh engine whose N-th native allocation fails; the kit closes it
         * @throws Exception anything; only {@link OutOfNativeMemoryException} (or a wrapper of it) counts as clean
         */
        void run(EngineMemory mem) throws Exception;
    }

    /** What one fault point did. */
    public static final class Outcome {
        private final long n;
        private final boolean fired;
        private final String failure;

        Outcome(long n, boolean fired, String failure) {
            this.n = n;
            this.fired = fired;
            this.failure = failure;
        }

        /** @return the allocation number that failed */
        public long n() { return n; }

        /** @return whether the scenario reached allocation N (so a failure was injected) */
        public boolean fired() { return fired; }

        /** @return whether the scenario ended with OutOfNativeMemoryException (else it completed) */
        public boolean failed() { return failure != null; }

        /** @return the OutOfNativeMemoryException's one-line message, or null when the scenario completed */
        public String failure() { return failure; }

        @Override
        public String toString() {
            return "N=" + n + (failed() ? ": " + failure : fired ? ": recovered and completed" : ": not reached, completed");
        }
    }
}
