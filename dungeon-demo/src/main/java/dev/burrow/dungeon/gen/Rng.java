package dev.burrow.dungeon.gen;

/**
 * xoshiro256** seeded through splitmix64: a fixed, documented stream, so a (seed, depth) gives the same level on
 * every JVM and machine. Not thread-safe; one per generation.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** @param seed the level seed @param stream a second input mixed in (the depth) */
    public Rng(long seed, long stream) {
        long x = seed ^ (stream * 0x9E3779B97F4A7C15L);
        s0 = mix(x += 0x9E3779B97F4A7C15L);
        s1 = mix(x += 0x9E3779B97F4A7C15L);
        s2 = mix(x += 0x9E3779B97F4A7C15L);
        s3 = mix(x + 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** @param bound exclusive upper bound, positive @return uniform in [0, bound) */
    public int nextInt(int bound) {
        // Lemire's multiply-shift with rejection: unbiased and division-free in the common case.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** @param lo inclusive @param hi inclusive @return uniform in [lo, hi] */
    public int range(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** @param percent 0..100 @return true with that chance */
    public boolean chance(int percent) {
        return nextInt(100) < percent;
    }

    /** @return uniform in [0, 1) */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
