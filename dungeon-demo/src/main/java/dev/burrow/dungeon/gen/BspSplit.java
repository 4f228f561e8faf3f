package dev.burrow.dungeon.gen;

import dev.burrow.memory.FrameIntList;

/**
 * Pass 1: a binary space partition of the map into panels (Incursion's panels, Brogue's BSP). Each leaf later holds
 * one room, a maze, or stays rock for caves and vaults, in the proportions of the level's theme. Splits follow the longer side at a random cut that leaves
 * both halves at least {@link #MIN} cells; an explicit stack of panels (a frame int list, {@link #PANEL} ints
 * each) replaces recursion.
 */
final class BspSplit {
    static final int MIN = 8;
    static final int KIND_ROOM = 0;
    static final int KIND_MAZE = 1;
    static final int KIND_EMPTY = 2;
    /** Ints per panel on the stack: x, y, w, h. */
    static final int PANEL = 4;

    private BspSplit() {
    }

    static void apply(GenContext c) {
        int cap = Math.max(16, c.cells / (MIN * MIN) * 2 + 8);
        c.leaves = GenContext.list(c.frame, cap * GenContext.LEAF_FIELDS);
        c.leafCount = 0;
        FrameIntList stack = GenContext.list(c.frame, cap * PANEL);
        push(stack, 1, 1, c.width - 2, c.height - 2);
        int maxLeaf = c.rng.range(c.theme.panelMin, c.theme.panelMax);
        while (!stack.isEmpty()) {
            int h = stack.removeLast();
            int w = stack.removeLast();
            int y = stack.removeLast();
            int x = stack.removeLast();
            int top = stack.size() / PANEL;
            boolean canW = w >= 2 * MIN;
            boolean canH = h >= 2 * MIN;
            boolean want = w > maxLeaf || h > maxLeaf || c.rng.chance(25);
            if (want && (canW || canH) && top + 2 <= cap) {
                boolean vertical = canW && (!canH || w * 3 > h * 4 || (w * 4 >= h * 3 && c.rng.chance(50)));
                if (vertical) {
                    int cut = c.rng.range(MIN, w - MIN);
                    push(stack, x, y, cut, h);
                    push(stack, x + cut, y, w - cut, h);
                } else {
                    int cut = c.rng.range(MIN, h - MIN);
                    push(stack, x, y, w, cut);
                    push(stack, x, y + cut, w, h - cut);
                }
            } else if (c.leafCount < cap) {
                c.leafCount++;
                int roll = c.rng.nextInt(100);
                int kind = w >= 9 && h >= 9 && roll < c.theme.mazes ? KIND_MAZE : roll >= 100 - c.theme.empty ? KIND_EMPTY : KIND_ROOM;
                c.leaves.add(x);
                c.leaves.add(y);
                c.leaves.add(w);
                c.leaves.add(h);
                c.leaves.add(kind);
            }
        }
    }

    private static void push(FrameIntList stack, int x, int y, int w, int h) {
        stack.add(x);
        stack.add(y);
        stack.add(w);
        stack.add(h);
    }
}
