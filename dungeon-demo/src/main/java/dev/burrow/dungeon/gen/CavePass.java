package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;
import org.lwjgl.system.MemoryUtil;

/**
 * Pass: cellular-automaton caves in the rock between rooms (the 4-5 rule, five generations). Only rock turns into
 * cave floor, and only blobs of at least {@link #MIN_BLOB} cells survive; the connectivity pass tunnels them in.
 * Runs with the chance the level's theme gives (always in cave themes).
 */
final class CavePass {
    static final int MIN_BLOB = 24;
    static final int REGION_CAVE = 1;

    private CavePass() {
    }

    static void apply(GenContext c) {
        if (!c.rng.chance(c.theme.caves)) {
            return;
        }
        int w = c.width;
        int h = c.height;
        long cur = c.scratchBytes();
        long next = c.scratchBytes();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                boolean rock = c.level.terrain(x, y) == Terrain.ROCK;
                MemoryUtil.memPutByte(cur + y * w + x, (byte) (rock && c.rng.chance(45) ? 1 : 0));
            }
        }
        for (int gen = 0; gen < 5; gen++) {
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int open = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        long row = cur + (long) (y + dy) * w + x;
                        open += MemoryUtil.memGetByte(row - 1) + MemoryUtil.memGetByte(row) + MemoryUtil.memGetByte(row + 1);
                    }
                    // 4-5 rule on "solid": a cell stays open with 5+ open cells around it (itself included).
                    boolean rock = c.level.terrain(x, y) == Terrain.ROCK;
                    MemoryUtil.memPutByte(next + y * w + x, (byte) (rock && open >= 5 ? 1 : 0));
                }
            }
            long t = cur;
            cur = next;
            next = t;
        }
        keepBlobs(c, cur);
    }

    /** Labels the open cells, turns blobs of MIN_BLOB cells or more into cave floor. */
    private static void keepBlobs(GenContext c, long mask) {
        int w = c.width;
        FrameIntList q = c.queue;
        for (int s = 0; s < c.cells; s++) {
            if (MemoryUtil.memGetByte(mask + s) != 1) {
                continue;
            }
            int head = 0;
            q.clear();
            q.add(s);
            MemoryUtil.memPutByte(mask + s, (byte) 2);
            while (head < q.size()) {
                int p = q.get(head++);
                int px = p % w;
                int py = p / w;
                for (int k = 0; k < 4; k++) {
                    int n = (py + Flood.dy(k)) * w + px + Flood.dx(k);
                    if (MemoryUtil.memGetByte(mask + n) == 1) {
                        MemoryUtil.memPutByte(mask + n, (byte) 2);
                        q.add(n);
                    }
                }
            }
            if (q.size() >= MIN_BLOB) {
                for (int i = 0; i < q.size(); i++) {
                    int p = q.get(i);
                    c.level.setTerrainAt(p, Terrain.FLOOR);
                    c.level.setRegion(p % w, p / w, REGION_CAVE);
                }
            }
        }
    }
}
