package dev.burrow.dungeon.gen;

/**
 * Digs passages between two cells: straight, bent (one corner), zig-zag (two corners) or winding (a biased random
 * walk). Rock becomes corridor; walls and pillars inside rooms become floor; deep water, lava and chasm get a
 * bridge; everything passable, and every vault cell, is left alone.
 */
final class Carver {
    static final int STRAIGHT = 0;
    static final int BENT = 1;
    static final int ZIGZAG = 2;
    static final int WINDING = 3;

    private Carver() {
    }

    static void dig(GenContext c, int x, int y) {
        if (!c.interior(x, y)) {
            return;
        }
        if ((c.level.flags(x, y) & Level.VAULT) != 0) {
            return; // a vault keeps its walls: machine rooms must be entered through their locked door or gate
        }
        int t = c.level.terrain(x, y);
        if (t == Terrain.ROCK) {
            c.level.setTerrain(x, y, Terrain.CORRIDOR);
        } else if (t == Terrain.WALL || t == Terrain.PILLAR) {
            c.level.setTerrain(x, y, c.level.roomId(x, y) > 0 ? Terrain.FLOOR : Terrain.CORRIDOR);
        } else if (t == Terrain.DEEP_WATER || t == Terrain.LAVA || t == Terrain.CHASM) {
            c.level.setTerrain(x, y, Terrain.BRIDGE);
        }
    }

    static void line(GenContext c, int x0, int y0, int x1, int y1) {
        int x = x0;
        int y = y0;
        dig(c, x, y);
        while (x != x1 || y != y1) {
            if (x != x1) {
                x += Integer.signum(x1 - x);
            } else {
                y += Integer.signum(y1 - y);
            }
            dig(c, x, y);
        }
    }

    static void connect(GenContext c, int x0, int y0, int x1, int y1, int style) {
        switch (style) {
            case STRAIGHT:
            case BENT:
                if (style == BENT && c.rng.chance(50)) {
                    line(c, x0, y0, x0, y1);
                    line(c, x0, y1, x1, y1);
                } else {
                    line(c, x0, y0, x1, y0);
                    line(c, x1, y0, x1, y1);
                }
                break;
            case ZIGZAG: {
                int mx = Math.min(x0, x1) + c.rng.nextInt(Math.abs(x1 - x0) + 1);
                line(c, x0, y0, mx, y0);
                line(c, mx, y0, mx, y1);
                line(c, mx, y1, x1, y1);
                break;
            }
            default:
                winding(c, x0, y0, x1, y1);
        }
    }

    /** A walk that heads for the target two times in three and wanders otherwise, bounded, then goes straight. */
    private static void winding(GenContext c, int x0, int y0, int x1, int y1) {
        int x = x0;
        int y = y0;
        int budget = 4 * (Math.abs(x1 - x0) + Math.abs(y1 - y0)) + 16;
        dig(c, x, y);
        while ((x != x1 || y != y1) && budget-- > 0) {
            int dx = 0;
            int dy = 0;
            if (c.rng.nextInt(3) > 0) {
                if (x != x1 && (y == y1 || c.rng.chance(50))) {
                    dx = Integer.signum(x1 - x);
                } else {
                    dy = Integer.signum(y1 - y);
                }
            } else {
                int k = c.rng.nextInt(4);
                dx = Flood.dx(k);
                dy = Flood.dy(k);
            }
            if (c.interior(x + dx, y + dy)) {
                x += dx;
                y += dy;
                dig(c, x, y);
            }
        }
        line(c, x, y, x1, y1);
    }
}
