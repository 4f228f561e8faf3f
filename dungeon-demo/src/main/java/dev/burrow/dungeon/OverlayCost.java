package dev.burrow.dungeon;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the memory overlay costs, for the summary of a scripted run: its own time per frame (CPU and GPU, between
 * two {@code glFinish} fences, so the GPU work it queued is counted and nothing else is), and, with
 * {@code --overlay-ab}, the frame time with the overlay shown against hidden in the same run (it alternates every
 * {@value #AB_BLOCK} frames after warm-up). Arrays are sized for the run up front: recording allocates nothing.
 */
final class OverlayCost {
    /** Frames per shown/hidden block in an A/B run. */
    static final int AB_BLOCK = 120;
    private final float[] own;
    private final float[] shown;
    private final float[] hidden;
    private int owns;
    private int shownCount;
    private int hiddenCount;
    private int vertices;
    private int drawCalls;

    /** @param frames frames the run will have */
    OverlayCost(int frames) {
        own = new float[Math.max(1, frames)];
        shown = new float[Math.max(1, frames)];
        hidden = new float[Math.max(1, frames)];
    }

    /** @return whether frame {@code n} of an A/B run shows the overlay (always during warm-up) */
    static boolean abShows(int n) {
        return n < FrameClock.WARMUP || ((n - FrameClock.WARMUP) / AB_BLOCK) % 2 == 0;
    }

    /** The overlay's own fenced time this frame, and the size of what it drew. */
    void own(float ms, int vtx, int calls) {
        if (owns < own.length) {
            own[owns++] = ms;
        }
        vertices = vtx;
        drawCalls = calls;
    }

    /** A whole steady frame's time, by whether the overlay showed. */
    void frame(float ms, boolean overlayShown) {
        if (overlayShown && shownCount < shown.length) {
            shown[shownCount++] = ms;
        } else if (!overlayShown && hiddenCount < hidden.length) {
            hidden[hiddenCount++] = ms;
        }
    }

    /** @return the summary lines (empty when nothing was measured) */
    String summary(boolean ab) {
        StringBuilder b = new StringBuilder();
        if (owns > 0) {
            float[] s = Arrays.copyOf(own, owns);
            Arrays.sort(s);
            b.append(String.format(Locale.ROOT, "overlay own cost ms p50 %.2f p99 %.2f over %d frames (CPU+GPU between glFinish fences;"
                + " last frame %d vertices, %d draw calls)%n", q(s, 0.5), q(s, 0.99), owns, vertices, drawCalls));
        }
        if (ab && shownCount > 0 && hiddenCount > 0) {
            float[] a = Arrays.copyOf(shown, shownCount);
            float[] h = Arrays.copyOf(hidden, hiddenCount);
            Arrays.sort(a);
            Arrays.sort(h);
            b.append(String.format(Locale.ROOT, "frame ms p50 overlay shown %.2f hidden %.2f (difference %.2f; %d and %d steady frames,"
                + " alternating every %d)%n", q(a, 0.5), q(h, 0.5), q(a, 0.5) - q(h, 0.5), shownCount, hiddenCount, AB_BLOCK));
        }
        return b.toString();
    }

    private static float q(float[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }
}
