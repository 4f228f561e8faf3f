package dev.burrow.dungeon;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.OutputFolders;
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
    /** The frame phases of the windowed loops (frame-arena phases, and the brackets of the Java heap measurement). */
    static final String INPUT = "input";
    static final String TURNS = "turns";
    static final String MAP = "map";
    static final String OVERLAY = "overlay";
    static final String PRESENT = "present";
    /** Where a frame's Java heap goes, for the exit summary: the measurement brackets each phase of the loop. */
    static final String[] PHASES = {INPUT, TURNS, MAP, OVERLAY, PRESENT};

    private RunSupport() {
    }

    static long threadAllocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /**
     * Fails in one line, before any window opens, when the screenshot cannot be written, or would replace a file
     * that is not a screenshot: the name must end in .png, and a file already there must be a PNG.
     */
    static void checkWritable(String command, Path shot) {
        String name = shot.getFileName() == null ? "" : shot.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException(command + ": --screenshot: '" + shot + "' must be a file name ending in .png");
        }
        if (Files.isDirectory(shot)) {
            throw new UsageException(command + ": --screenshot: '" + shot + "' is a folder", ExitCode.IO);
        }
        if (Files.exists(shot) && !isPng(shot)) {
            throw new UsageException(command + ": --screenshot: '" + shot + "' exists and is not a PNG: not replaced",
                ExitCode.IO);
        }
        Path dir = shot.toAbsolutePath().getParent();
        if (dir != null) {
            OutputFolders.prove(command + ": --screenshot", dir.toString());
        }
    }

    private static boolean isPng(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(PNG_SIGNATURE.length), PNG_SIGNATURE);
        } catch (IOException | SecurityException e) {
            return false;
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

    /**
     * Prints the calling thread's frame-arena phases from the snapshot: per phase, the native bytes, allocations and
     * high water of the last frame and the peak of each over the run (nested phases count in their parent too).
     */
    static void nativePhases(PrintStream out, dev.burrow.memory.MemorySnapshot snap) {
        String thread = Thread.currentThread().getName();
        for (int i = 0; i < snap.frameCount(); i++) {
            dev.burrow.memory.MemorySnapshot.FrameStats f = snap.frame(i);
            if (!thread.equals(f.thread()) || f.phaseCount() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "native by phase (frame arena of %s)   last frame: bytes allocs high water   peak: bytes allocs high water%n", thread);
            for (int j = 0; j < f.phaseCount(); j++) {
                dev.burrow.memory.MemorySnapshot.PhaseStats p = f.phase(j);
                out.printf(Locale.ROOT, "  %-12s %29d %6d %10d %15d %6d %10d%n", p.name(), p.lastBytes(), p.lastAllocs(),
                    p.lastHighWaterBytes(), p.peakBytes(), p.peakAllocs(), p.peakHighWaterBytes());
            }
        }
    }

    /**
     * Prints what LWJGL's allocator holds (memAlloc of the game, GLFW, stb, imgui-java's LWJGL side), by tag, or that
     * it is not installed (EM901: something touched LWJGL first).
     */
    static void lwjglMemory(PrintStream out, dev.burrow.memory.MemorySnapshot snap) {
        if (!snap.lwjglInstalled()) {
            out.println("LWJGL memory: not tracked (BurrowLwjglAllocator not installed)");
            return;
        }
        java.util.Map<String, long[]> byTag = new java.util.TreeMap<>();
        for (int i = 0; i < snap.heapCount(); i++) {
            dev.burrow.memory.MemorySnapshot.HeapStats h = snap.heap(i);
            if (h.lwjgl()) {
                long[] t = byTag.computeIfAbsent(h.name(), k -> new long[2]);
                t[0] += h.liveBytes();
                t[1] += h.liveBlocks();
            }
        }
        StringBuilder b = new StringBuilder("LWJGL memory tracked by the engine: " + snap.lwjglBytes() + " B live");
        for (java.util.Map.Entry<String, long[]> e : byTag.entrySet()) {
            b.append(e.getKey().equals(byTag.keySet().iterator().next()) ? " (" : ", ").append(e.getKey()).append(' ')
                .append(e.getValue()[0]).append(" B in ").append(e.getValue()[1]).append(" blocks");
        }
        out.println(byTag.isEmpty() ? b.toString() : b.append(')').toString());
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
