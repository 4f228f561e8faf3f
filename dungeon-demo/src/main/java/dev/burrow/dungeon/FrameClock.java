package dev.burrow.dungeon;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Per-frame figures: frame time, Java heap the frame allocated, GC count. Keeps every frame's time for the exit
 * summary (primitive arrays, grown only between frames), and separates "steady" frames (after warm-up, without a
 * level change) for the zero-garbage claim.
 */
public final class FrameClock {
    /**
     * Frames before which nothing counts as steady: once-per-frame code reaches C2 (and its escape analysis) only
     * after several hundred frames, and the overlay's 600-frame histories fill. Measured here: the last warm-up
     * allocation came at frame 969.
     */
    public static final int WARMUP = 1000;
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private float[] frameMs = new float[4096];
    private int frames;
    private long steadyFrames;
    private long steadyHeap;
    private long steadyWorst;
    private long transitionFrames;
    private float lastMs;
    private long lastHeap;

    /** Records a finished frame. */
    public void record(long nanos, long heapBytes, boolean levelChanged) {
        if (frames == frameMs.length) {
            frameMs = Arrays.copyOf(frameMs, frames * 2);
        }
        lastMs = nanos / 1e6f;
        lastHeap = heapBytes;
        frameMs[frames++] = lastMs;
        if (frames > WARMUP) {
            if (levelChanged) {
                transitionFrames++;
            } else {
                steadyFrames++;
                steadyHeap += heapBytes;
                steadyWorst = Math.max(steadyWorst, heapBytes);
            }
        }
    }

    /** @return collections so far, all collectors */
    public long gcCount() {
        long n = 0;
        for (int i = 0; i < gcs.size(); i++) {
            n += Math.max(0, gcs.get(i).getCollectionCount());
        }
        return n;
    }

    public int frames() { return frames; }

    public float lastMs() { return lastMs; }

    public long lastHeapBytes() { return lastHeap; }

    public long steadyFrames() { return steadyFrames; }

    public long steadyHeapBytes() { return steadyHeap; }

    public long steadyWorstFrameBytes() { return steadyWorst; }

    public long transitionFrames() { return transitionFrames; }

    /** @param q quantile in [0, 1] @return frame time at that quantile over all frames after warm-up (or all) */
    public double frameMsQuantile(double q) {
        int from = frames > WARMUP ? WARMUP : 0;
        int n = frames - from;
        if (n <= 0) {
            return 0;
        }
        float[] s = Arrays.copyOfRange(frameMs, from, frames);
        Arrays.sort(s);
        return s[Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1))];
    }
}
