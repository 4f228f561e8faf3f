package dev.burrow.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Records diagnostics for one {@link EngineMemory}: counts every occurrence per code, keeps the latest messages,
 * logs each distinct (code, detail) once, and in strict mode turns errors into {@link MemoryDiagnosticException}.
 *
 * <p>Only misuse paths come here, so this class may allocate; the counting itself is lock-free.</p>
 */
final class Diagnostics {
    static final int RECENT = 32;
    private static final System.Logger LOG = System.getLogger("dev.burrow.memory");

    private final boolean strict;
    private final AtomicLongArray counts = new AtomicLongArray(DiagnosticCode.values().length);
    private final String[] recent = new String[RECENT]; // ring: oldest at recentStart
    private int recentStart;
    private int recentSize;
    private final Set<String> logged = new HashSet<>();
    private volatile DiagnosticListener listener;
    private volatile boolean log = true;
    private volatile boolean strictWarnings;

    Diagnostics(boolean strict) {
        this.strict = strict;
    }

    /** Warnings throw too (CI runs that must fail on a behaviour finding or a soft budget). */
    void strictWarnings(boolean on) {
        strictWarnings = on;
    }

    boolean strictWarnings() {
        return strictWarnings;
    }

    /** Sends every diagnostic to {@code l}; {@code replacesLog} stops the logging (the listener takes over). */
    void listener(DiagnosticListener l, boolean replacesLog) {
        this.listener = l;
        this.log = l == null || !replacesLog;
    }

    /**
     * Records a diagnostic.
     *
     * @param code the code
     * @param what what happened, naming the allocator and address or handle
     * @param site where the offending memory was allocated, or null when unknown
     * @param onceKey what makes two reports "the same site" for logging once; null logs by {@code what}
     * @throws MemoryDiagnosticException for an {@link Severity#ERROR} code in strict mode
     */
    void report(DiagnosticCode code, String what, String site, String onceKey) {
        String message = format(code, what, site);
        counts.incrementAndGet(code.ordinal());
        boolean first;
        synchronized (this) {
            remember(message);
            first = logged.add(code.name() + '|' + (onceKey != null ? onceKey : what));
        }
        if (first && log) {
            LOG.log(code.severity() == Severity.ERROR ? System.Logger.Level.ERROR : System.Logger.Level.WARNING, message);
        }
        DiagnosticListener l = listener;
        if (l != null) {
            l.onDiagnostic(code, message);
        }
        if (strict && code.severity() == Severity.ERROR || strictWarnings) {
            throw new MemoryDiagnosticException(code, message);
        }
    }

    /** Records a diagnostic that is also thrown in every mode (budget, native failure): counted, never logged twice. */
    void count(DiagnosticCode code, String message) {
        counts.incrementAndGet(code.ordinal());
        synchronized (this) {
            remember(message);
        }
        DiagnosticListener l = listener;
        if (l != null) {
            l.onDiagnostic(code, message);
        }
    }

    private void remember(String message) {
        recent[(recentStart + recentSize) % RECENT] = message;
        if (recentSize < RECENT) {
            recentSize++;
        } else {
            recentStart = (recentStart + 1) % RECENT;
        }
    }

    static String format(DiagnosticCode code, String what, String site) {
        StringBuilder sb = new StringBuilder(128).append('[').append(code.name()).append("] ").append(what).append(" (");
        if (site != null) {
            sb.append("allocated at ").append(site).append("; ");
        }
        return sb.append(code.fix()).append(')').toString();
    }

    long count(DiagnosticCode code) {
        return counts.get(code.ordinal());
    }

    void copyCounts(long[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = counts.get(i);
        }
    }

    /** Copies the recent messages, oldest first, without allocating. @return how many */
    synchronized int copyRecent(String[] into) {
        int n = Math.min(recentSize, into.length);
        for (int i = 0; i < n; i++) {
            into[i] = recent[(recentStart + i) % RECENT];
        }
        return n;
    }

    synchronized List<String> recent() {
        List<String> list = new ArrayList<>(recentSize);
        for (int i = 0; i < recentSize; i++) {
            list.add(recent[(recentStart + i) % RECENT]);
        }
        return list;
    }

}
