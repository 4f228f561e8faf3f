package dev.burrow.memory;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Immutable settings for an {@link EngineMemory}. Every {@code withX}-style method returns a copy.
 *
 * <pre>{@code
 * MemoryConfig cfg = MemoryConfig.defaults().frameArenaBytes(1 << 20).debug(DebugLevel.PARANOID).strict(true);
 * }</pre>
 *
 * <p>{@link EngineMemory#create} applies the environment overrides ({@code BURROW_SYSTEM_ALLOCATOR},
 * {@code BURROW_DEBUG}, {@code BURROW_STRICT}, {@code BURROW_FAIL_AFTER}) and then the system properties that
 * mirror them ({@code burrow.systemAllocator}, {@code burrow.debug}, {@code burrow.strict},
 * {@code burrow.failAfter}) on top of the config it is given, once. {@link EngineMemory#createExactly} applies
 * neither.</p>
 */
public final class MemoryConfig {

    private static final MemoryConfig DEFAULTS =
        new MemoryConfig(256 * 1024, DebugLevel.SIMPLE, false, false, 0, 64 * 1024, 64 * 1024, false);

    private final long frameArenaBytes;
    private final DebugLevel debug;
    private final boolean strict;
    private final boolean strictWarnings;
    private final boolean systemAllocator;
    private final long failAfter;
    private final long groupChunkBytes;
    private final int poolSlabBytes;

    private MemoryConfig(long frameArenaBytes, DebugLevel debug, boolean strict, boolean systemAllocator,
                         long failAfter, long groupChunkBytes, int poolSlabBytes, boolean strictWarnings) {
        this.strictWarnings = strictWarnings;
        this.frameArenaBytes = frameArenaBytes;
        this.debug = debug;
        this.strict = strict;
        this.systemAllocator = systemAllocator;
        this.failAfter = failAfter;
        this.groupChunkBytes = groupChunkBytes;
        this.poolSlabBytes = poolSlabBytes;
    }

    /** @return 256 KiB frame arenas, {@link DebugLevel#SIMPLE}, non-strict, jemalloc, no fault injection */
    public static MemoryConfig defaults() {
        return DEFAULTS;
    }

    /**
     * @param bytes initial size of each thread's frame arena block (grows after a frame overflows it)
     * @return a copy with that size
     */
    public MemoryConfig frameArenaBytes(long bytes) {
        if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frameArenaBytes must be in [1 KiB, 2 GiB): " + bytes);
        }
        return new MemoryConfig(bytes, debug, strict, systemAllocator, failAfter, groupChunkBytes, poolSlabBytes, strictWarnings);
    }

    /**
     * @param level the debug level
     * @return a copy with that level
     */
    public MemoryConfig debug(DebugLevel level) {
        return new MemoryConfig(frameArenaBytes, requireNonNull(level), strict, systemAllocator, failAfter,
            groupChunkBytes, poolSlabBytes, strictWarnings);
    }

    /**
     * Strict about warnings too: a warning diagnostic (a soft budget, a frame over its budget, a behaviour finding)
     * throws like an error, so a CI run fails on it. Implies {@link #strict(boolean) strict}. {@code BURROW_STRICT=warning}
     * or {@code -Dburrow.strict=warning} turns it on.
     *
     * @param on whether warnings throw
     * @return a copy
     */
    public MemoryConfig strictWarnings(boolean on) {
        return new MemoryConfig(frameArenaBytes, debug, strict || on, systemAllocator, failAfter, groupChunkBytes, poolSlabBytes, on);
    }

    /** @return whether warnings throw too */
    public boolean strictWarnings() { return strictWarnings; }

    /**
     * @param on whether error diagnostics throw {@link MemoryDiagnosticException}
     * @return a copy
     */
    public MemoryConfig strict(boolean on) {
        return new MemoryConfig(frameArenaBytes, debug, on, systemAllocator, failAfter, groupChunkBytes, poolSlabBytes, strictWarnings);
    }

    /**
     * The kill switch: every frame, pool and group allocation becomes its own system malloc/free, so valgrind,
     * ASan and friends see each one. Same API, same results, much slower.
     *
     * @param on whether to bypass jemalloc and the bump/slab strategies
     * @return a copy
     */
    public MemoryConfig systemAllocator(boolean on) {
        return new MemoryConfig(frameArenaBytes, debug, strict, on, failAfter, groupChunkBytes, poolSlabBytes, strictWarnings);
    }

    /**
     * Fault injection: the {@code n}th native allocation (1-based) fails with {@link OutOfNativeMemoryException}.
     *
     * @param n which allocation fails; 0 turns fault injection off
     * @return a copy
     */
    public MemoryConfig failAfter(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("failAfter must be >= 0: " + n);
        }
        return new MemoryConfig(frameArenaBytes, debug, strict, systemAllocator, n, groupChunkBytes, poolSlabBytes, strictWarnings);
    }

    /**
     * @param bytes size of a level group's first chunk (later chunks double, up to 64x)
     * @return a copy
     */
    public MemoryConfig groupChunkBytes(long bytes) {
        if (bytes < 256 || bytes > (1L << 30)) {
            throw new IllegalArgumentException("groupChunkBytes must be in [256 B, 1 GiB]: " + bytes);
        }
        return new MemoryConfig(frameArenaBytes, debug, strict, systemAllocator, failAfter, bytes, poolSlabBytes, strictWarnings);
    }

    /**
     * @param bytes target bytes per pool slab (a power of two, at least 8 slots fit regardless)
     * @return a copy
     */
    public MemoryConfig poolSlabBytes(int bytes) {
        if (bytes < 256 || Integer.bitCount(bytes) != 1 || bytes > (1 << 26)) {
            throw new IllegalArgumentException("poolSlabBytes must be a power of two in [256 B, 64 MiB]: " + bytes);
        }
        return new MemoryConfig(frameArenaBytes, debug, strict, systemAllocator, failAfter, groupChunkBytes, bytes, strictWarnings);
    }

    /** The environment variables {@link #withEnvironment} reads, in the order of {@link #PROPERTIES}. */
    private static final String[] ENVIRONMENT = {"BURROW_SYSTEM_ALLOCATOR", "BURROW_DEBUG", "BURROW_STRICT", "BURROW_FAIL_AFTER"};
    /** The system properties {@link #withSystemProperties} reads: {@code burrow.} and the setter's name. */
    private static final String[] PROPERTIES = {"burrow.systemAllocator", "burrow.debug", "burrow.strict", "burrow.failAfter"};

    /**
     * Applies {@code BURROW_SYSTEM_ALLOCATOR=1}, {@code BURROW_DEBUG=off|simple|paranoid}, {@code BURROW_STRICT=1}
     * and {@code BURROW_FAIL_AFTER=N} from {@code env} on top of this config.
     *
     * @param env the environment (normally {@link System#getenv()})
     * @return a copy with the overrides applied
     * @throws IllegalArgumentException naming the variable when a value cannot be parsed
     */
    public MemoryConfig withEnvironment(Map<String, String> env) {
        return override(ENVIRONMENT, env::get, "");
    }

    /**
     * Applies the system properties that mirror the environment variables, in LWJGL's {@code Configuration}
     * style: {@code -Dburrow.systemAllocator=true}, {@code -Dburrow.debug=off|simple|paranoid},
     * {@code -Dburrow.strict=true} and {@code -Dburrow.failAfter=N}, on top of this config. Flags accept
     * {@code 1/0}, {@code true/false}, {@code yes/no} and {@code on/off}.
     *
     * @param properties the properties (normally {@link System#getProperties()})
     * @return a copy with the overrides applied
     * @throws IllegalArgumentException naming the property ({@code -Dburrow.debug: ...}) when a value cannot be parsed
     */
    public MemoryConfig withSystemProperties(Properties properties) {
        return override(PROPERTIES, properties::getProperty, "-D");
    }

    private MemoryConfig override(String[] names, Function<String, String> lookup, String prefix) {
        MemoryConfig c = this;
        String sys = lookup.apply(names[0]);
        if (sys != null) {
            c = c.systemAllocator(parseFlag(prefix + names[0], sys));
        }
        String dbg = lookup.apply(names[1]);
        if (dbg != null && !dbg.isBlank()) {
            try {
                c = c.debug(DebugLevel.parse(dbg));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + names[1] + ": " + e.getMessage());
            }
        }
        String strictValue = lookup.apply(names[2]);
        if (strictValue != null) {
            String v = strictValue.trim().toLowerCase(java.util.Locale.ROOT);
            c = v.equals("warning") || v.equals("warnings")
                ? c.strict(true).strictWarnings(true)
                : c.strict(parseFlag(prefix + names[2], strictValue)).strictWarnings(false);
        }
        String fail = lookup.apply(names[3]);
        if (fail != null && !fail.isBlank()) {
            long n;
            try {
                String t = fail.trim();
                if (!t.matches("[+-]?[0-9]+")) {
                    throw new NumberFormatException(); // parseLong takes any Unicode digit (full-width "７")
                }
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(prefix + names[3] + ": not a number: '" + fail + "'");
            }
            if (n < 0) {
                throw new IllegalArgumentException(prefix + names[3] + ": must be >= 0: " + n);
            }
            c = c.failAfter(n);
        }
        return c;
    }

    private static boolean parseFlag(String name, String value) {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1": case "true": case "yes": case "on": return true;
            case "": case "0": case "false": case "no": case "off": return false;
            default: throw new IllegalArgumentException(name + ": expected 1 or 0" + (name.toLowerCase(java.util.Locale.ROOT).contains("strict") ? " (or warning)" : "") + ", got '" + value + "'");
        }
    }

    private static <T> T requireNonNull(T t) {
        if (t == null) {
            throw new NullPointerException();
        }
        return t;
    }

    /** @return the initial frame arena block size in bytes */
    public long frameArenaBytes() { return frameArenaBytes; }

    /** @return the debug level */
    public DebugLevel debug() { return debug; }

    /** @return whether error diagnostics throw */
    public boolean strict() { return strict; }

    /** @return whether the system-allocator kill switch is on */
    public boolean systemAllocator() { return systemAllocator; }

    /** @return the native allocation number that fails, or 0 */
    public long failAfter() { return failAfter; }

    /** @return the first chunk size of a level group */
    public long groupChunkBytes() { return groupChunkBytes; }

    /** @return the target slab size of a pool */
    public int poolSlabBytes() { return poolSlabBytes; }

    @Override
    public String toString() {
        return "MemoryConfig{frameArenaBytes=" + frameArenaBytes + ", debug=" + debug + ", strict=" + strict
            + ", systemAllocator=" + systemAllocator + ", failAfter=" + failAfter + ", groupChunkBytes="
            + groupChunkBytes + ", poolSlabBytes=" + poolSlabBytes + '}';
    }
}
