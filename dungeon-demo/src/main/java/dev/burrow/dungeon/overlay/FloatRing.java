package dev.burrow.dungeon.overlay;

/**
 * The last {@code capacity} samples of a series, kept in a primitive ring and unrolled into plot arrays
 * ({@link #xs()}/{@link #ys()}, oldest first) without allocating. Unrolling can merge neighbouring samples into
 * buckets (keeping each bucket's largest, so a one-frame spike still shows) to draw fewer line segments.
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

    /**
     * Unrolls the ring into {@link #ys()} (each point the largest of {@code bucket} neighbouring samples) and their
     * first frame numbers into {@link #xs()}.
     *
     * @return the point count
     */
    int unroll(int bucket) {
        int b = Math.max(1, bucket);
        int points = 0;
        long firstX = total - size;
        for (int i = 0; i < size; i += b) {
            float m = sample(i);
            for (int k = 1; k < b && i + k < size; k++) {
                m = Math.max(m, sample(i + k));
            }
            ys[points] = m;
            xs[points] = firstX + i;
            points++;
        }
        return points;
    }

    /** @param i 0 is the oldest sample held @return that sample */
    float sample(int i) {
        return ring[(next - size + i + 2 * ring.length) % ring.length];
    }

    /** @return the frame number of the oldest sample held */
    long firstFrame() {
        return total - size;
    }

    float[] xs() { return xs; }

    float[] ys() { return ys; }

    int size() { return size; }

    /** @return the newest sample, or 0 */
    float last() {
        return size == 0 ? 0 : ring[(next - 1 + ring.length) % ring.length];
    }

    /** @return the largest sample held (0 when empty) */
    float max() {
        float m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, ring[i]);
        }
        return m;
    }

    /** @return the smallest sample held (0 when empty) */
    float min() {
        if (size == 0) {
            return 0;
        }
        float m = Float.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, ring[i]);
        }
        return m;
    }
}
