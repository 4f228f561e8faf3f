package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;
import org.lwjgl.system.MemoryUtil;

/**
 * The room shapes: rectangle, cross, circle, cave blob (cellular automaton), pillared hall and nested room. Each
 * carves floor inside a box, tags the cells with the room id, and returns an anchor: a floor cell corridors aim at,
 * packed as {@code y * width + x}, or -1 when the shape did not fit.
 */
final class RoomShapes {
    static final int RECT = 0;
    static final int CROSS = 1;
    static final int CIRCLE = 2;
    static final int CAVE = 3;
    static final int PILLARED = 4;
    static final int NESTED = 5;
    static final int MAZE = 6;
    static final int VAULT = 7;
    static final int COUNT = 8;
    private static final String[] NAMES = {"rectangle", "cross", "circle", "cave", "pillared hall", "nested room", "maze", "vault"};

    private RoomShapes() {
    }

    static String name(int shape) {
        return NAMES[shape];
    }

    static int carve(GenContext c, int shape, int x, int y, int w, int h, int id) {
        switch (shape) {
            case CROSS: return cross(c, x, y, w, h, id);
            case CIRCLE: return circle(c, x, y, w, h, id);
            case CAVE: return cave(c, x, y, w, h, id);
            case PILLARED: return pillared(c, x, y, w, h, id);
            case NESTED: return nested(c, x, y, w, h, id);
            default: return rect(c, x, y, w, h, id);
        }
    }

    private static void floor(GenContext c, int x, int y, int id) {
        c.level.setTerrain(x, y, Terrain.FLOOR);
        c.level.setRoomId(x, y, id);
    }

    static int rect(GenContext c, int x, int y, int w, int h, int id) {
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                floor(c, i, j, id);
            }
        }
        return (y + h / 2) * c.width + x + w / 2;
    }

    private static int cross(GenContext c, int x, int y, int w, int h, int id) {
        if (w < 5 || h < 5) {
            return rect(c, x, y, w, h, id);
        }
        int bw = Math.max(1, w / 3 + c.rng.nextInt(Math.max(1, w / 4)));
        int bh = Math.max(1, h / 3 + c.rng.nextInt(Math.max(1, h / 4)));
        rect(c, x, y + (h - bh) / 2, w, bh, id);
        return rect(c, x + (w - bw) / 2, y, bw, h, id);
    }

    private static int circle(GenContext c, int x, int y, int w, int h, int id) {
        double rx = w / 2.0;
        double ry = h / 2.0;
        double cx = x + rx - 0.5;
        double cy = y + ry - 0.5;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                double dx = (i - cx) / rx;
                double dy = (j - cy) / ry;
                if (dx * dx + dy * dy <= 1.0) {
                    floor(c, i, j, id);
                }
            }
        }
        return (y + h / 2) * c.width + x + w / 2;
    }

    /** Cellular automaton in the box (4-5 rule), then keep the largest blob. Falls back to a rectangle. */
    private static int cave(GenContext c, int x, int y, int w, int h, int id) {
        if (w < 6 || h < 6) {
            return rect(c, x, y, w, h, id);
        }
        long cur = c.frame.calloc((long) w * h, 8);
        long next = c.frame.calloc((long) w * h, 8);
        for (int i = 0; i < w * h; i++) {
            MemoryUtil.memPutByte(cur + i, (byte) (c.rng.chance(58) ? 1 : 0));
        }
        for (int gen = 0; gen < 4; gen++) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int walls = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int ni = i + dx;
                            int nj = j + dy;
                            if (ni < 0 || nj < 0 || ni >= w || nj >= h || MemoryUtil.memGetByte(cur + nj * w + ni) == 0) {
                                walls++;
                            }
                        }
                    }
                    MemoryUtil.memPutByte(next + j * w + i, (byte) (walls >= 5 ? 0 : 1));
                }
            }
            long t = cur;
            cur = next;
            next = t;
        }
        // Largest 4-connected blob: label with a flood, remember the best.
        FrameIntList label = GenContext.cellInts(c.frame, w * h, 0);
        FrameIntList q = GenContext.list(c.frame, w * h);
        int best = -1;
        int bestSize = 0;
        int nextLabel = 1;
        for (int s = 0; s < w * h; s++) {
            if (MemoryUtil.memGetByte(cur + s) == 0 || label.get(s) != 0) {
                continue;
            }
            int lab = nextLabel++;
            int head = 0;
            q.clear();
            q.add(s);
            label.set(s, lab);
            while (head < q.size()) {
                int p = q.get(head++);
                int pi = p % w;
                int pj = p / w;
                for (int k = 0; k < 4; k++) {
                    int ni = pi + Flood.dx(k);
                    int nj = pj + Flood.dy(k);
                    if (ni >= 0 && nj >= 0 && ni < w && nj < h) {
                        int n = nj * w + ni;
                        if (MemoryUtil.memGetByte(cur + n) != 0 && label.get(n) == 0) {
                            label.set(n, lab);
                            q.add(n);
                        }
                    }
                }
            }
            if (q.size() > bestSize) {
                bestSize = q.size();
                best = s;
            }
        }
        if (bestSize < 8) {
            return rect(c, x, y, w, h, id);
        }
        int bestLabel = label.get(best);
        for (int s = 0; s < w * h; s++) {
            if (label.get(s) == bestLabel) {
                floor(c, x + s % w, y + s / w, id);
            }
        }
        return (y + best / w) * c.width + x + best % w;
    }

    private static int pillared(GenContext c, int x, int y, int w, int h, int id) {
        int anchor = rect(c, x, y, w, h, id);
        if (w >= 7 && h >= 7) {
            for (int j = y + 2; j < y + h - 2; j += 2) {
                for (int i = x + 2; i < x + w - 2; i += 2) {
                    c.level.setTerrain(i, j, Terrain.PILLAR);
                }
            }
        }
        return Terrain.passable(c.level.terrainAt(anchor)) ? anchor : y * c.width + x;
    }

    /** A room in a room: an inner walled chamber with one closed door on a random side. */
    private static int nested(GenContext c, int x, int y, int w, int h, int id) {
        rect(c, x, y, w, h, id);
        if (w < 9 || h < 9) {
            return y * c.width + x;
        }
        int ix = x + 2;
        int iy = y + 2;
        int iw = w - 4;
        int ih = h - 4;
        for (int j = iy; j < iy + ih; j++) {
            for (int i = ix; i < ix + iw; i++) {
                boolean edge = i == ix || j == iy || i == ix + iw - 1 || j == iy + ih - 1;
                c.level.setTerrain(i, j, edge ? Terrain.WALL : Terrain.FLOOR);
            }
        }
        int side = c.rng.nextInt(4);
        int dx;
        int dy;
        switch (side) {
            case 0: dx = c.rng.range(ix + 1, ix + iw - 2); dy = iy; break;
            case 1: dx = c.rng.range(ix + 1, ix + iw - 2); dy = iy + ih - 1; break;
            case 2: dx = ix; dy = c.rng.range(iy + 1, iy + ih - 2); break;
            default: dx = ix + iw - 1; dy = c.rng.range(iy + 1, iy + ih - 2); break;
        }
        c.level.addDoor(dx, dy, Terrain.DOOR_CLOSED);
        return y * c.width + x; // the outer ring: corridors reach it, the door leads in
    }
}
