package dev.burrow.dungeon.gen;

import org.lwjgl.system.MemoryUtil;

/**
 * Pass 1: a binary space partition of the map into panels (Incursion's panels, Brogue's BSP). Each leaf later holds
 * one room, a maze, or stays rock for caves and vaults, in the proportions of the level's theme. Splits follow the longer side at a random cut that leaves
 * both halves at least {@link #MIN} cells; an explicit stack in frame memory replaces recursion.
 */
final class BspSplit {
    static final int MIN = 8;
    static final int KIND_ROOM = 0;
    static final int KIND_MAZE = 1;
    static final int KIND_EMPTY = 2;

    private BspSplit() {
    }

    static void apply(GenContext c) {
        int cap = Math.max(16, c.cells / (MIN * MIN) * 2 + 8);
        c.leaves = c.frame.alloc(cap * 5L * 4, 8);
        c.leafCount = 0;
        long stack = c.frame.alloc(cap * 4L * 4, 8);
        int top = 0;
        top = push(stack, top, 1, 1, c.width - 2, c.height - 2);
        int maxLeaf = c.rng.range(c.theme.panelMin, c.theme.panelMax);
        while (top > 0) {
            top--;
            int x = MemoryUtil.memGetInt(stack + top * 16L);
            int y = MemoryUtil.memGetInt(stack + top * 16L + 4);
            int w = MemoryUtil.memGetInt(stack + top * 16L + 8);
            int h = MemoryUtil.memGetInt(stack + top * 16L + 12);
            boolean canW = w >= 2 * MIN;
            boolean canH = h >= 2 * MIN;
            boolean want = w > maxLeaf || h > maxLeaf || c.rng.chance(25);
            if (want && (canW || canH) && top + 2 <= cap) {
                boolean vertical = canW && (!canH || w * 3 > h * 4 || (w * 4 >= h * 3 && c.rng.chance(50)));
                if (vertical) {
                    int cut = c.rng.range(MIN, w - MIN);
                    top = push(stack, top, x, y, cut, h);
                    top = push(stack, top, x + cut, y, w - cut, h);
                } else {
                    int cut = c.rng.range(MIN, h - MIN);
                    top = push(stack, top, x, y, w, cut);
                    top = push(stack, top, x, y + cut, w, h - cut);
                }
            } else if (c.leafCount < cap) {
                int i = c.leafCount++;
                c.setLeaf(i, 0, x);
                c.setLeaf(i, 1, y);
                c.setLeaf(i, 2, w);
                c.setLeaf(i, 3, h);
                int roll = c.rng.nextInt(100);
                int kind = w >= 9 && h >= 9 && roll < c.theme.mazes ? KIND_MAZE : roll >= 100 - c.theme.empty ? KIND_EMPTY : KIND_ROOM;
                c.setLeaf(i, 4, kind);
            }
        }
    }

    private static int push(long stack, int top, int x, int y, int w, int h) {
        MemoryUtil.memPutInt(stack + top * 16L, x);
        MemoryUtil.memPutInt(stack + top * 16L + 4, y);
        MemoryUtil.memPutInt(stack + top * 16L + 8, w);
        MemoryUtil.memPutInt(stack + top * 16L + 12, h);
        return top + 1;
    }
}
