package dev.burrow.memory.test;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Proves that a block allocates no Java heap once warmed up: the block runs {@link #warmUp(int)} times, then
 * {@link #runs(int)} times more, each run measured on its own with {@code com.sun.management.ThreadMXBean
 * .getCurrentThreadAllocatedBytes()}; any byte fails the check, naming the run, its bytes and, when phases are
 * declared, the phase.
 *
 * <pre>{@code
 * ZeroGarbage.of("arena step").warmUp(900).runs(300).phases("step", "sprites").assertZero((i, phase) -> {
 *     frame.begin();
 *     sim.step();
 *     phase.enter(1);                   // from here on, bytes count for "sprites"
 *     sprites.build(sim, 0.5f, frame);
 *     frame.end();
 * });
 * }</pre>
 *
 * <h2>Limits: read before trusting a zero or a failure</h2>
 * <ul>
 *   <li><b>What is counted.</b> Bytes of Java heap allocated by the <em>calling thread</em> (TLAB refills and
 *       objects allocated outside a TLAB alike, so the figure is exact to the object, not rounded to TLABs). Other
 *       threads' garbage and native memory are not counted; allocation by the JVM on the thread's behalf (e.g. a
 *       {@code String} materialised on deoptimisation) is.</li>
 *   <li><b>"After warm-up"</b> means after {@link #warmUp(int)} runs of this very block in this JVM (default
 *       {@value #DEFAULT_WARM_UP}): enough for C2 (~10,000 invocations or loop back-edges) to compile the hot
 *       methods, for tables to reach their steady size and for lazy initialisation to happen. A block whose first
 *       runs differ from the later ones (a level change, a first frame) needs a warm-up that covers them.</li>
 *   <li><b>Escape analysis.</b> C2 removes short-lived objects (LWJGL buffer wrappers, iterators, boxed values) only
 *       inside code it compiles normally and inlines. The block is called from the kit's loop through an interface,
 *       so it is not inlined there: objects that stay inside the block's own methods can be scalar-replaced, objects
 *       passed out of it cannot. A hot loop inside a huge method is on-stack-replaced and may allocate where small
 *       methods would not: keep per-frame code in small methods (see ARCHITECTURE.md, "Known traps"). Run with
 *       {@code -XX:-DoEscapeAnalysis} to see what a block would allocate without it.</li>
 *   <li><b>JIT tier-up.</b> A method compiled or deoptimised during the measured runs can allocate once (a few
 *       dozen bytes) although the code never does. The failure message says when the JIT compiled during the
 *       measurement. {@link #retries(int)} re-measures a round that allocated: garbage the block makes every run
 *       fails every round; a one-off JIT event does not repeat. Retries hide garbage that comes rarer than once per
 *       round, so keep rounds long enough to contain the block's whole cycle.</li>
 *   <li><b>Repetitions.</b> {@value #DEFAULT_RUNS} measured runs by default, each bracketed separately (two native
 *       calls of ~50 ns, allocation-free): a run that allocates is found even if others do not.</li>
 *   <li><b>Availability.</b> HotSpot and OpenJ9 support the measurement; where it is unsupported the check aborts
 *       (the test is reported as skipped, never passed).</li>
 * </ul>
 */
public final class ZeroGarbage {
    /** Runs before measuring, unless {@link #warmUp(int)} says otherwise. */
    public static final int DEFAULT_WARM_UP = 20_000;
    /** Measured runs per round, unless {@link #runs(int)} says otherwise. */
    public static final int DEFAULT_RUNS = 1_000;

    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final String what;
    private int warmUp = DEFAULT_WARM_UP;
    private int runs = DEFAULT_RUNS;
    private int retries;
    private String[] phases = {"block"};

    private ZeroGarbage(String what) {
        this.what = what;
    }

    /**
     * Starts a check.
     *
     * @param what names the block in failure messages, e.g. "arena step at 500 enemies"
     * @return a check with the default warm-up, runs and no retries
     */
    public static ZeroGarbage of(String what) {
        return new ZeroGarbage(what);
    }

    /**
     * @param runs unmeasured runs first, 0 or more
     * @return this
     */
    public ZeroGarbage warmUp(int runs) {
        if (runs < 0) {
            throw new IllegalArgumentException("warmUp must be >= 0: " + runs);
        }
        this.warmUp = runs;
        return this;
    }

    /**
     * @param runs measured runs per round, at least 1
     * @return this
     */
    public ZeroGarbage runs(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1: " + runs);
        }
        this.runs = runs;
        return this;
    }

    /**
     * Measures a round again (up to {@code n} times) when it allocated; the check fails only when every round
     * allocated. 0, the default, fails on the first byte. See the class comment on JIT tier-up.
     *
     * @param n extra rounds, 0 to 10
     * @return this
     */
    public ZeroGarbage retries(int n) {
        if (n < 0 || n > 10) {
            throw new IllegalArgumentException("retries must be in [0, 10]: " + n);
        }
        this.retries = n;
        return this;
    }

    /**
     * Names the phases of a run; the block moves between them with {@link Phase#enter(int)}. Each run starts in
     * phase 0.
     *
     * @param names one name per phase, at least one
     * @return this
     */
    public ZeroGarbage phases(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("phases: name at least one");
        }
        this.phases = names.clone();
        return this;
    }

    /**
     * Warms up, measures, and fails when the block allocated.
     *
     * @param block the code of one run (a frame, a step, an operation)
     * @throws AssertionFailedError naming the bytes, the first and worst runs and their phases
     */
    public void assertZero(Block block) {
        Measurement m = measure(block);
        if (m.totalBytes() != 0) {
            throw new AssertionFailedError(m.describe());
        }
    }

    /**
     * {@link #assertZero(Block)} for a block without phases.
     *
     * @param block gets the run's index
     */
    public void assertZero(IntConsumer block) {
        assertZero((i, phase) -> block.accept(i));
    }

    /**
     * Warms up and measures without judging: for reports and for checks with a tolerance of their own.
     *
     * @param block the code of one run
     * @return the last round measured (the first clean one, or the last of the retries)
     */
    public Measurement measure(Block block) {
        if (THREADS == null) {
            throw new TestAbortedException("this JVM cannot measure per-thread heap allocation "
                + "(com.sun.management.ThreadMXBean thread allocated memory unsupported): the zero-garbage check was not made");
        }
        Phase phase = new Phase(phases.length);
        for (int i = 0; i < warmUp; i++) {
            runOnce(block, i, phase);
        }
        Measurement m = null;
        for (int round = 0; round <= retries; round++) {
            m = round(block, phase, round, warmUp + round * runs);
            if (m.totalBytes() == 0) {
                break;
            }
        }
        return m;
    }

    private Measurement round(Block block, Phase phase, int round, int firstRun) {
        long[] perRun = new long[runs];
        long[][] perPhase = new long[runs][];
        long jitBefore = JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
        for (int i = 0; i < runs; i++) {
            perRun[i] = runOnce(block, firstRun + i, phase);
            if (perRun[i] != 0) {
                perPhase[i] = phase.bytes.clone();
            }
        }
        long jitMillis = jitBefore < 0 ? -1 : JIT.getTotalCompilationTime() - jitBefore;
        return new Measurement(what, warmUp, firstRun, round, retries, perRun, perPhase, phases, jitMillis);
    }

    /** Kept small and separate so C2 compiles it as an ordinary method (see the class comment). */
    private static long runOnce(Block block, int i, Phase phase) {
        phase.start();
        block.run(i, phase);
        return phase.stop();
    }

    /**
     * Bytes of Java heap the calling thread has allocated since it started; allocation-free.
     *
     * @return the counter, or -1 when this JVM cannot tell
     */
    public static long threadAllocatedBytes() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (!(t instanceof com.sun.management.ThreadMXBean)) {
            return null;
        }
        com.sun.management.ThreadMXBean s = (com.sun.management.ThreadMXBean) t;
        if (!s.isThreadAllocatedMemorySupported()) {
            return null;
        }
        if (!s.isThreadAllocatedMemoryEnabled()) {
            s.setThreadAllocatedMemoryEnabled(true);
        }
        return s;
    }

    /** One run of the code under test. */
    @FunctionalInterface
    public interface Block {
        /**
         * @param run the run's index, counting warm-up runs (0, 1, ...)
         * @param phase where the block says which phase it is in
         */
        void run(int run, Phase phase);
    }

    /** The phase marker a {@link Block} gets; reused across runs, allocation-free. */
    public static final class Phase {
        final long[] bytes;
        private int current;
        private long last;

        Phase(int phases) {
            bytes = new long[phases];
        }

        void start() {
            java.util.Arrays.fill(bytes, 0);
            current = 0;
            last = THREADS.getCurrentThreadAllocatedBytes();
        }

        /**
         * Bytes from now on count for phase {@code index} (declared with {@link ZeroGarbage#phases}).
         *
         * @param index the phase, 0-based
         */
        public void enter(int index) {
            long now = THREADS.getCurrentThreadAllocatedBytes();
            bytes[current] += now - last;
            current = index;
            last = now;
        }

        long stop() {
            long now = THREADS.getCurrentThreadAllocatedBytes();
            bytes[current] += now - last;
            long total = 0;
            for (long b : bytes) {
                total += b;
            }
            return total;
        }
    }

    /** What one measured round saw. */
    public static final class Measurement {
        private final String what;
        private final int warmUp;
        private final int firstRun;
        private final int round;
        private final int retries;
        private final long[] perRun;
        private final long[][] perPhase;
        private final String[] phases;
        private final long jitMillis;

        Measurement(String what, int warmUp, int firstRun, int round, int retries, long[] perRun, long[][] perPhase, String[] phases, long jitMillis) {
            this.what = what;
            this.warmUp = warmUp;
            this.firstRun = firstRun;
            this.round = round;
            this.retries = retries;
            this.perRun = perRun;
            this.perPhase = perPhase;
            this.phases = phases;
            this.jitMillis = jitMillis;
        }

        /** @return heap bytes over all measured runs of the round */
        public long totalBytes() {
            long t = 0;
            for (long b : perRun) {
                t += b;
            }
            return t;
        }

        /** @return measured runs in the round */
        public int runs() {
            return perRun.length;
        }

        /** @return how many runs allocated */
        public int allocatingRuns() {
            int n = 0;
            for (long b : perRun) {
                n += b != 0 ? 1 : 0;
            }
            return n;
        }

        /**
         * @param run index among the measured runs (0-based)
         * @return that run's bytes
         */
        public long bytes(int run) {
            return perRun[run];
        }

        /** @return index (counting warm-up and earlier rounds) of the round's first run */
        public int firstRun() {
            return firstRun;
        }

        /** @return index among the round's measured runs of the first that allocated, or -1 */
        public int firstAllocatingRun() {
            for (int i = 0; i < perRun.length; i++) {
                if (perRun[i] != 0) {
                    return i;
                }
            }
            return -1;
        }

        /** @return milliseconds the JIT spent compiling during the round, or -1 when the JVM cannot tell */
        public long jitMillis() {
            return jitMillis;
        }

        /** @return the failure message: bytes, runs, first and worst run with their phases, JIT activity */
        public String describe() {
            int first = firstAllocatingRun();
            if (first < 0) {
                return what + ": 0 bytes of Java heap in " + perRun.length + " runs after " + warmUp + " warm-up runs";
            }
            int worst = first;
            for (int i = 0; i < perRun.length; i++) {
                if (perRun[i] > perRun[worst]) {
                    worst = i;
                }
            }
            StringBuilder b = new StringBuilder(what).append(" allocated Java heap after ").append(warmUp)
                .append(" warm-up runs: ").append(totalBytes()).append(" B in ").append(allocatingRuns()).append(" of ")
                .append(perRun.length).append(" measured runs");
            if (retries > 0) {
                b.append(" (round ").append(round + 1).append(" of ").append(retries + 1).append(", every round allocated)");
            }
            b.append("; first at run ").append(firstRun + first).append(' ').append(run(first));
            if (worst != first) {
                b.append(", worst at run ").append(firstRun + worst).append(' ').append(run(worst));
            }
            if (jitMillis > 0) {
                b.append("; the JIT compiled for ").append(jitMillis).append(" ms during the round, so a one-off"
                    + " tier-up or deoptimisation may be the cause: see ZeroGarbage's javadoc (retries, warm-up)");
            } else if (jitMillis == 0) {
                b.append("; the JIT was idle during the round: the block itself allocates");
            }
            return b.toString();
        }

        private String run(int i) {
            StringBuilder b = new StringBuilder("(").append(perRun[i]).append(" B");
            if (phases.length > 1 && perPhase[i] != null) {
                b.append(':');
                for (int p = 0; p < phases.length; p++) {
                    b.append(p > 0 ? ", " : " ").append(phases[p]).append(' ').append(perPhase[i][p]);
                }
            }
            return b.append(')').toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
