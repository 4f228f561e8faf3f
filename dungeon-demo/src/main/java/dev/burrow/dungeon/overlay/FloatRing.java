package dev.burrow.dungeon.overlay;

/**
 * The last {@code capacity} samples of a series, kept in a primitive ring and unrolled into a plot array
 * ({@link #xs()}/{@link #ys()}, oldest first) without allocating.
 */
final class FloatRing {
    private final float[] ring;
    private final float[] xs;
    private final float[] ys;
    private int next;
    private int size;
    private long total;

    FloatRing(int capacity) {
        ring = new float[capacity];
        xs = new float[capacity];
        ys = new float[capacity];
    }

    void add(float v) {
        ring[next] = v;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        total++;
    }

    /** Unrolls the ring into {@link #ys()} and frame numbers into {@link #xs()}. @return the sample count */
    int unroll() {
        int start = (next - size + ring.length) % ring.length;
        long firstX = total - size;
        for (int i = 0; i < size; i++) {
            ys[i] = ring[(start + i) % ring.length];
            xs[i] = firstX + i;
        }
        return size;
    }

    float[] xs() { return xs; }

    float[] ys() { return ys; }

    int size() { return size; }

    /** @return the newest sample, or 0 */
    float last() {
        return size == 0 ? 0 : ring[(next - 1 + ring.length) % ring.length];
    }

    /** @return the largest sample held */
    float max() {
        float m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, ring[i]);
        }
        return m;
    }
}
