package dev.burrow.dungeon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The window runs' zero-heap rule, read from a {@code BURROW_TRACE_FRAMES=1} run's output: no steady frame allocates,
 * with the one allowance docs/jit.md documents — a frame in which freshly compiled code first runs can count a few
 * hundred bytes the program never allocated. So at most {@value #JIT_FRAMES} traced frames of at most
 * {@value #JIT_BYTES} B each, and every byte the summary counted is in a traced frame, so nothing hides. A real
 * allocation shows in more frames or more bytes (a 96-byte-per-step leak and an 8 KiB class load were caught so).
 */
public final class SteadyHeap {
    /** Steady frames that may count JIT bytes. */
    public static final int JIT_FRAMES = 3;
    /** The most bytes one such frame may count. */
    public static final int JIT_BYTES = 600;
    /**
     * Headless tests that measure frames themselves (the scripted story, the 500-turn session): the rule of
     * {@code stress --arena} ({@code ArenaRun.TIERUP_FRAMES}), at most one frame ...
     */
    public static final int HEADLESS_JIT_FRAMES = 1;
    /** ... of at most this many bytes ({@code ArenaRun.TIERUP_BYTES}). */
    public static final int HEADLESS_JIT_BYTES = 512;
    private static final Pattern TRACED = Pattern.compile("frame (\\d+) allocated (\\d+) B");

    private SteadyHeap() {
    }

    /**
     * @param out the child's output, traced
     * @param countedTotal the summary's "heap B/frame after warm-up: total"
     */
    static void assertOnlyJitFrames(String out, long countedTotal) {
        Matcher frame = TRACED.matcher(out);
        int allocating = 0;
        long traced = 0;
        while (frame.find()) {
            allocating++;
            traced += Long.parseLong(frame.group(2));
            assertTrue(Long.parseLong(frame.group(2)) <= JIT_BYTES, "frame " + frame.group(1) + ": " + out);
        }
        assertTrue(allocating <= JIT_FRAMES, allocating + " steady frames allocated: " + out);
        assertEquals(traced, countedTotal, "every byte counted is in a traced frame: " + out);
    }
}
