package dev.burrow.dungeon.overlay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FloatRingTest {

    @Test
    void unrollKeepsOrderFrameNumbersAndEachBucketsLargest() {
        FloatRing r = new FloatRing(8);
        for (int i = 0; i < 11; i++) {
            r.add(i == 7 ? 100 : i); // a one-frame spike at frame 7
        }
        assertEquals(8, r.size());
        assertEquals(3, r.firstFrame(), "frames 3..10 are held");
        assertEquals(3f, r.sample(0));
        assertEquals(10f, r.last());
        int n = r.unroll(1);
        assertEquals(8, n);
        assertArrayEquals(new float[] {3, 4, 5, 6, 100, 8, 9, 10}, java.util.Arrays.copyOf(r.ys(), n));
        assertArrayEquals(new float[] {3, 4, 5, 6, 7, 8, 9, 10}, java.util.Arrays.copyOf(r.xs(), n));
        n = r.unroll(3);
        assertEquals(3, n);
        assertArrayEquals(new float[] {5, 100, 10}, java.util.Arrays.copyOf(r.ys(), n), "the spike survives merging");
        assertArrayEquals(new float[] {3, 6, 9}, java.util.Arrays.copyOf(r.xs(), n));
        assertEquals(100f, r.max());
        assertEquals(3f, r.min());
    }

    @Test
    void anEmptyRingPlotsNothing() {
        FloatRing r = new FloatRing(4);
        assertEquals(0, r.unroll(4));
        assertEquals(0f, r.last());
        assertEquals(0f, r.max());
        assertEquals(0f, r.min());
    }
}
