package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;
import org.lwjgl.system.MemoryUtil;

/**
 * A maze in left-over space: the recursive backtracker (depth-first with an explicit stack in frame memory) on the
 * odd-coordinate lattice of a box. The maze registers as a room of shape {@link RoomShapes#MAZE} so the corridor
 * pass links it to the rest of the level.
 */
final class MazePass {
    private MazePass() {
    }

    static void carve(GenContext c, int x, int y, int w, int h) {
        int cw = (w - 1) / 2;
        int ch = (h - 1) / 2;
        if (cw < 2 || ch < 2) {
            return;
        }
        long visited = c.frame.calloc((long) cw * ch, 8);
        FrameIntList stack = GenContext.list(c.frame, cw * ch); // a lattice cell is pushed once: when first visited
        int start = c.rng.nextInt(cw * ch);
        MemoryUtil.memPutByte(visited + start, (byte) 1);
        stack.add(start);
        open(c, x, y, start % cw, start / cw);
        while (!stack.isEmpty()) {
            int cell = stack.get(stack.size() - 1);
            int cx = cell % cw;
            int cy = cell / cw;
            int n = 0;
            int dirs = 0; // up to four 2-bit directions, packed
            for (int k = 0; k < 4; k++) {
                int nx = cx + Flood.dx(k);
                int ny = cy + Flood.dy(k);
                if (nx >= 0 && ny >= 0 && nx < cw && ny < ch && MemoryUtil.memGetByte(visited + ny * cw + nx) == 0) {
                    dirs |= k << (2 * n++);
                }
            }
            if (n == 0) {
                stack.removeLast();
                continue;
            }
            int k = (dirs >>> (2 * c.rng.nextInt(n))) & 3;
            int nx = cx + Flood.dx(k);
            int ny = cy + Flood.dy(k);
            // Knock down the wall between the two lattice cells, then the cell itself.
            c.level.setTerrain(x + 1 + cx * 2 + Flood.dx(k), y + 1 + cy * 2 + Flood.dy(k), Terrain.CORRIDOR);
            open(c, x, y, nx, ny);
            MemoryUtil.memPutByte(visited + ny * cw + nx, (byte) 1);
            stack.add(ny * cw + nx);
        }
        int ax = x + 1 + (cw / 2) * 2;
        int ay = y + 1 + (ch / 2) * 2;
        c.level.addRoom(x, y, w, h, RoomShapes.MAZE, ax, ay);
    }

    private static void open(GenContext c, int x, int y, int cx, int cy) {
        c.level.setTerrain(x + 1 + cx * 2, y + 1 + cy * 2, Terrain.CORRIDOR);
    }
}
