package dev.burrow.dungeon.gen;

/**
 * Pass 2: one room per BSP leaf of kind room, in a box inside the leaf (a cell of rock on every side), with a
 * shape drawn by the theme's weights (deeper levels favour the odd shapes a little). Maze leaves get a maze (see {@link MazePass}); empty leaves stay rock for caves and vaults.
 */
final class RoomPass {
    private RoomPass() {
    }

    static void apply(GenContext c) {
        for (int i = 0; i < c.leafCount; i++) {
            int lx = c.leaf(i, 0);
            int ly = c.leaf(i, 1);
            int lw = c.leaf(i, 2);
            int lh = c.leaf(i, 3);
            int kind = c.leaf(i, 4);
            if (kind == BspSplit.KIND_EMPTY) {
                continue;
            }
            if (kind == BspSplit.KIND_MAZE) {
                MazePass.carve(c, lx + 1, ly + 1, lw - 2, lh - 2);
                continue;
            }
            int maxW = lw - 2;
            int maxH = lh - 2;
            int w = c.rng.range(Math.min(4, maxW), maxW);
            int h = c.rng.range(Math.min(3, maxH), maxH);
            int x = lx + 1 + c.rng.nextInt(maxW - w + 1);
            int y = ly + 1 + c.rng.nextInt(maxH - h + 1);
            int shape = pick(c);
            int id = c.level.roomCount() + 1;
            int anchor = RoomShapes.carve(c, shape, x, y, w, h, id);
            if (c.level.addRoom(x, y, w, h, shape, anchor % c.width, anchor / c.width) < 0) {
                return;
            }
        }
    }

    private static int pick(GenContext c) {
        int total = 0;
        for (int k = 0; k < c.theme.shapes.length; k++) {
            total += weight(c, k);
        }
        int r = c.rng.nextInt(total);
        for (int k = 0; k < c.theme.shapes.length; k++) {
            r -= weight(c, k);
            if (r < 0) {
                return k;
            }
        }
        return RoomShapes.RECT;
    }

    /** The theme's weight for a shape; deeper levels favour the odd shapes the theme allows. */
    private static int weight(GenContext c, int shape) {
        int w = c.theme.shapes[shape];
        return w > 0 && shape > 0 ? w + Math.min(c.depth, 10) : w;
    }
}
