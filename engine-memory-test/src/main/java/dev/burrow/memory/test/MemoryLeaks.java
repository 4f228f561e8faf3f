package dev.burrow.memory.test;

import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryDiagnosticException;
import dev.burrow.memory.MemorySnapshot;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;

/**
 * The teardown check of {@link BurrowMemoryExtension}, for tests that create their own engine: close it and fail
 * when anything was still held.
 *
 * <p>What counts as a leak: a pool slot still live or a level group with bytes when the engine closes (unless marked
 * {@code keep()}): the engine reports those as {@code EM603} with their allocation sites (every site at PARANOID, a
 * sampled one at SIMPLE); and any native byte still held once the engine has closed. A pool or group left open but
 * empty is not a leak: the engine frees it at close. A frame begun and not ended on the calling thread fails the
 * check too, on any thread. Leaks reported earlier, when the test itself closed a pool or
 * group with live slots ({@code EM601}, {@code EM602}), are the test's to assert.</p>
 */
public final class MemoryLeaks {
    private static final DiagnosticCode[] LEAK_CODES = {DiagnosticCode.EM601, DiagnosticCode.EM602, DiagnosticCode.EM603};

    private MemoryLeaks() {
    }

    /**
     * Closes {@code mem} (if the test did not) and fails when anything leaked.
     *
     * @param mem the engine; it is closed afterwards in every case
     * @throws AssertionFailedError listing what remained, the leak report's sites and the native bytes left
     */
    public static void closeAndAssertNone(EngineMemory mem) {
        closeAndAssertNone(mem, null);
    }

    /**
     * Closes {@code mem} (if the test did not) and fails when anything leaked, quoting every leak report from
     * {@code captured} (none is dropped, however many the close raised).
     *
     * @param mem the engine; it is closed afterwards in every case
     * @param captured what the engine raised, or null to read its recent diagnostics
     * @throws AssertionFailedError listing what remained, the leak report's sites and the native bytes left
     */
    public static void closeAndAssertNone(EngineMemory mem, CapturedDiagnostics captured) {
        List<String> found = closeAndFind(mem, captured);
        if (!found.isEmpty()) {
            throw new AssertionFailedError("engine-memory leak at teardown (debug " + mem.config().debug() + "):\n  "
                + String.join("\n  ", found));
        }
    }

    /**
     * Closes {@code mem} (if the test did not) and describes what leaked.
     *
     * @param mem the engine; it is closed afterwards in every case
     * @return one line per finding (what was live, each leak report, native bytes left); empty when clean
     */
    public static List<String> closeAndFind(EngineMemory mem) {
        return closeAndFind(mem, null);
    }

    /**
     * Closes {@code mem} (if the test did not) and describes what leaked.
     *
     * @param mem the engine; it is closed afterwards in every case
     * @param captured what the engine raised, or null to read its recent diagnostics
     * @return one line per finding (what was live, each leak report, native bytes left); empty when clean
     */
    public static List<String> closeAndFind(EngineMemory mem, CapturedDiagnostics captured) {
        List<String> live = new ArrayList<>();
        List<String> found = new ArrayList<>();
        long leaked;
        if (mem.isClosed()) {
            // The test closed it: what that close reported as still open is what remained at teardown.
            leaked = mem.diagnosticCount(DiagnosticCode.EM603);
        } else {
            MemorySnapshot snap = mem.snapshot();
            describeLive(snap, live);
            openFrames(snap, found);
            long before = leakCount(mem);
            try {
                mem.close();
            } catch (MemoryDiagnosticException e) {
                found.add("engine close threw: " + e.getMessage());
            }
            leaked = leakCount(mem) - before;
        }
        if (leaked > 0) {
            found.addAll(0, live); // what was live is context for the reports; slots marked keep() are not leaks
            List<String> reports = new ArrayList<>();
            for (String message : captured != null ? captured.all() : mem.recentDiagnostics()) {
                if (isLeak(message)) {
                    reports.add(message);
                }
            }
            // Oldest first: the last ones are this close's (earlier ones came from closes inside the test).
            List<String> mine = reports.subList((int) Math.max(0, reports.size() - leaked), reports.size());
            found.addAll(mine);
            int shown = mine.size();
            if (shown < leaked) {
                found.add("(" + (leaked - shown) + " more leak report(s) not kept in the engine's recent diagnostics)");
            }
        }
        long nativeBytes = mem.nativeBytes();
        if (nativeBytes > 0) {
            found.add(nativeBytes + " native bytes still held after EngineMemory.close() (an engine-memory bug: report it)");
        } else if (nativeBytes < 0) {
            found.add("native bytes ended at " + nativeBytes + " after EngineMemory.close(): a block was freed twice"
                + " (an engine-memory bug: report it)");
        }
        return found;
    }

    private static long leakCount(EngineMemory mem) {
        long n = 0;
        for (DiagnosticCode c : LEAK_CODES) {
            n += mem.diagnosticCount(c);
        }
        return n;
    }

    private static boolean isLeak(String message) {
        for (DiagnosticCode c : LEAK_CODES) {
            if (message.startsWith("[" + c.name() + "]")) {
                return true;
            }
        }
        return false;
    }

    /** Every frame arena still inside a frame: begin() without end(), on any thread. */
    private static void openFrames(MemorySnapshot s, List<String> found) {
        for (int i = 0; i < s.frameCount(); i++) {
            MemorySnapshot.FrameStats f = s.frame(i);
            if (f.inFrame()) {
                found.add("the frame arena of thread \"" + f.thread() + "\" is still inside a frame: begin() without end()");
            }
        }
    }

    private static void describeLive(MemorySnapshot s, List<String> found) {
        for (int i = 0; i < s.poolCount(); i++) {
            MemorySnapshot.PoolStats p = s.pool(i);
            if (p.live() > p.kept()) {
                found.add("pool \"" + p.name() + "\": " + (p.live() - p.kept()) + " live slot(s) of " + p.slotBytes() + " B"
                    + (p.kept() > 0 ? " (and " + p.kept() + " kept)" : ""));
            }
        }
        for (int i = 0; i < s.groupCount(); i++) {
            MemorySnapshot.GroupStats g = s.group(i);
            if (g.bytes() > 0) {
                found.add("level group \"" + g.name() + "\": " + g.bytes() + " B in " + g.allocs() + " allocation(s)");
            }
        }
    }
}
