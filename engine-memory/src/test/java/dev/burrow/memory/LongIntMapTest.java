package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The address map behind slab tables and the kill switch's pools: 0 is its empty marker, never a key. */
class LongIntMapTest {

    @Test
    void zeroIsNeverFoundNorRemovedEvenWithEmptyCellsAround() {
        LongIntMap m = new LongIntMap();
        for (long k = 1; k <= 5; k++) {
            m.put(k << 16, (int) k);
        }
        assertEquals(-1, m.get(0), "an empty cell must not read as key 0 (a forged address below every slab)");
        m.remove(0);
        for (long k = 1; k <= 5; k++) {
            assertEquals((int) k, m.get(k << 16), "remove(0) left the real keys alone");
        }
        assertThrows(IllegalArgumentException.class, () -> m.put(0, 1));
    }
}
