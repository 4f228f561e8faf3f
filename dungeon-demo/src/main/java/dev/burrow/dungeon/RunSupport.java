package dev.burrow.dungeon;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the windowed commands share: the output check, the heap clock, the exit summary. */
final class RunSupport {
    // Cached: ManagementFactory.getThreadMXBean() itself allocates on every call.
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    /** Where a frame's Java heap goes, for the exit summary: the measurement brackets each phase of the loop. */
    static final String[] PHASES = {"input", "turns", "map", "overlay", "present"};

    private RunSupport() {
    }

    static long threadAllocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Fails in one line, before any window opens, when the screenshot cannot be written. */
    static void checkWritable(String command, Path shot) {
        Path dir = shot.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
                Files.delete(Files.createTempFile(dir, ".burrow", ".png"));
            }
        } catch (IOException | SecurityException e) {
            throw new UsageException(command + ": --screenshot: cannot write to " + dir + " (" + e.getMessage() + ")", ExitCode.IO);
        }
    }

    static void summary(PrintStream out, FrameClock clock, long[] phase, String extra, long nativeBytes, long heapSinceStart, Path shot) {
        out.printf(Locale.ROOT, "frames %d  frame ms p50 %.2f p99 %.2f  steady frames %d  heap B/frame after warm-up: total %d worst %d"
                + "  level-change frames %d  %s  native %d B  heap since start %d B%n",
            clock.frames(), clock.frameMsQuantile(0.5), clock.frameMsQuantile(0.99), clock.steadyFrames(),
            clock.steadyHeapBytes(), clock.steadyWorstFrameBytes(), clock.transitionFrames(), extra, nativeBytes, heapSinceStart);
        out.print("heap by phase after warm-up:");
        for (int i = 0; i < PHASES.length; i++) {
            out.print(" " + PHASES[i] + " " + phase[i]);
        }
        out.println();
        if (shot != null) {
            out.println("screenshot " + shot.toAbsolutePath());
        }
    }

    /** Adds a steady frame's phases (h0..h5 bracket input, turns, map, overlay, present) to the totals. */
    static void addPhases(long[] phase, long h0, long h1, long h2, long h3, long h4, long h5, int n, PrintStream out, long turn) {
        if (TRACE && h5 - h0 != 0) { // the message is built only when tracing: this runs every steady frame
            out.println("frame " + n + " allocated " + (h5 - h0) + " B (input " + (h1 - h0) + ", turns " + (h2 - h1) + ", map "
                + (h3 - h2) + ", overlay " + (h4 - h3) + ", present " + (h5 - h4) + ") at turn/step " + turn);
        }
        phase[0] += h1 - h0;
        phase[1] += h2 - h1;
        phase[2] += h3 - h2;
        phase[3] += h4 - h3;
        phase[4] += h5 - h4;
    }

    /** BURROW_TRACE_FRAMES=1 lists every steady frame that allocates, and where. */
    static final boolean TRACE = System.getenv("BURROW_TRACE_FRAMES") != null;
}
