package dev.burrow.dungeon.gen;

/**
 * Pass: corridors. Rooms (and mazes and vaults) are joined in BSP order, each to the next, which alone makes the
 * level connected because BSP order walks neighbouring panels; a few extra joins between random rooms add
 * alternatives. The style of each corridor is drawn: straight/bent, zig-zag or winding.
 */
final class CorridorPass {
    private CorridorPass() {
    }

    static void apply(GenContext c) {
        Level l = c.level;
        int n = l.roomCount();
        for (int i = 0; i + 1 < n; i++) {
            join(c, i, i + 1);
        }
        int extra = n / 5;
        for (int k = 0; k < extra; k++) {
            int a = c.rng.nextInt(n);
            int b = c.rng.nextInt(n);
            if (a != b) {
                join(c, a, b);
            }
        }
    }

    private static void join(GenContext c, int a, int b) {
        Level l = c.level;
        int roll = c.rng.nextInt(100);
        int style = roll < 45 ? Carver.BENT : roll < 75 ? Carver.ZIGZAG : Carver.WINDING;
        Carver.connect(c, l.room(a, 5), l.room(a, 6), l.room(b, 5), l.room(b, 6), style);
    }
}
