package dev.burrow.dungeon.gen;

/**
 * Field of view by recursive shadowcasting (Björn Bergström's formulation): eight octants, each scanned row by row,
 * recursing past every opaque run. No allocation: the visitor is the caller's. Used for torch light at generation
 * and for the player's sight in play.
 */
public final class Fov {
    /** Receives every cell in view. */
    public interface Visitor {
        /** @param x column @param y row */
        void visit(int x, int y);
    }

    private static final int[][] MULT = {
        {1, 0, 0, -1, -1, 0, 0, 1},
        {0, 1, -1, 0, 0, -1, 1, 0},
        {0, 1, 1, 0, 0, -1, -1, 0},
        {1, 0, 0, 1, -1, 0, 0, -1},
    };

    private Fov() {
    }

    /**
     * Visits every cell visible from (ox, oy) within {@code radius}, the origin included.
     *
     * @param l the level (its terrain decides what blocks sight)
     * @param ox origin column
     * @param oy origin row
     * @param radius view radius in cells
     * @param v the visitor
     */
    public static void compute(Level l, int ox, int oy, int radius, Visitor v) {
        v.visit(ox, oy);
        for (int oct = 0; oct < 8; oct++) {
            cast(l, ox, oy, 1, 1.0, 0.0, radius, MULT[0][oct], MULT[1][oct], MULT[2][oct], MULT[3][oct], v);
        }
    }

    private static void cast(Level l, int cx, int cy, int row, double start, double end, int radius,
                             int xx, int xy, int yx, int yy, Visitor v) {
        if (start < end) {
            return;
        }
        int r2 = radius * radius;
        double newStart = 0;
        for (int j = row; j <= radius; j++) {
            int dx = -j - 1;
            int dy = -j;
            boolean blocked = false;
            while (dx <= 0) {
                dx++;
                int x = cx + dx * xx + dy * xy;
                int y = cy + dx * yx + dy * yy;
                double left = (dx - 0.5) / (dy + 0.5);
                double right = (dx + 0.5) / (dy - 0.5);
                if (start < right) {
                    continue;
                } else if (end > left) {
                    break;
                }
                boolean inside = l.inBounds(x, y);
                if (inside && dx * dx + dy * dy <= r2) {
                    v.visit(x, y);
                }
                boolean opaque = !inside || !Terrain.transparent(l.terrain(x, y));
                if (blocked) {
                    if (opaque) {
                        newStart = right;
                    } else {
                        blocked = false;
                        start = newStart;
                    }
                } else if (opaque && j < radius) {
                    blocked = true;
                    cast(l, cx, cy, j + 1, start, left, radius, xx, xy, yx, yy, v);
                    newStart = right;
                }
            }
            if (blocked) {
                break;
            }
        }
    }
}
