package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * Text for one frame: cells of {@link Layout#TEXT_W} by {@link Layout#ROW_H} pixels written into frame memory (the
 * renderer's instance format), then drawn in one call. Strings are read with {@code charAt}, numbers written digit by
 * digit, so composing the sidebar, the message bar and the screens allocates nothing.
 */
public final class TextBatch {
    private static final int STRIDE = TileRenderer.SPRITE_BYTES;
    private long base;
    private int count;
    private int capacity;
    private float originCol;
    private float originRow;
    private int clipCols = Integer.MAX_VALUE;
    private int clipRows = Integer.MAX_VALUE;

    /** Starts a frame's text with room for {@code cells} cells. */
    public void begin(FrameArena frame, int cells) {
        capacity = cells;
        base = frame.alloc((long) cells * STRIDE, 16);
        count = 0;
        origin(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Sets the pixel position of text cell (0, 0) for what follows, and clips to a box of cells.
     *
     * @param px pixel column
     * @param py pixel row
     * @param cols columns inside the box
     * @param rows rows inside the box
     */
    public void origin(int px, int py, int cols, int rows) {
        originCol = px / (float) Layout.TEXT_W;
        originRow = py / (float) Layout.ROW_H;
        clipCols = cols;
        clipRows = rows;
    }

    /** Puts one glyph. */
    public void put(int col, int row, int glyph, int fg, int bg) {
        if (count == capacity || col < 0 || row < 0 || col >= clipCols || row >= clipRows) {
            return;
        }
        long p = base + (long) count++ * STRIDE;
        MemoryUtil.memPutFloat(p, originCol + col);
        MemoryUtil.memPutFloat(p + 4, originRow + row);
        MemoryUtil.memPutInt(p + 8, glyph & 0xFF);
        MemoryUtil.memPutInt(p + 12, fg);
        MemoryUtil.memPutInt(p + 16, bg);
    }

    /** Writes a string. @return the column after it */
    public int text(int col, int row, String s, int fg, int bg) {
        if (s == null) {
            return col;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            put(col + i, row, s.charAt(i), fg, bg);
        }
        return col + n;
    }

    /** Writes a decimal number. @return the column after it */
    public int number(int col, int row, long v, int fg, int bg) {
        if (v < 0) {
            put(col++, row, '-', fg, bg);
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = digits - 1; i >= 0; i--) {
            put(col + i, row, (int) ('0' + v % 10), fg, bg);
            v /= 10;
        }
        return col + digits;
    }

    /**
     * Writes a string over as many rows as it needs, breaking at the box's width (paths break anywhere).
     *
     * @return the rows used
     */
    public int wrapped(int col, int row, String s, int cols, int fg, int bg) {
        int width = Math.max(1, cols - col);
        int n = s.length();
        int rows = 0;
        for (int i = 0; i < n; i += width) {
            for (int j = i; j < Math.min(n, i + width); j++) {
                put(col + j - i, row + rows, s.charAt(j), fg, bg);
            }
            rows++;
        }
        return Math.max(1, rows);
    }

    /** Fills a box with spaces on a background. */
    public void fill(int col, int row, int cols, int rows, int bg) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                put(col + c, row + r, ' ', bg, bg);
            }
        }
    }

    /** Glyph of a bar cell: CP437's lower half block, so bars on rows next to each other stay apart. */
    static final int BAR = 220;

    /** A bar of {@code cells} cells, {@code value / max} of it lit. @return the column after it */
    public int bar(int col, int row, int cells, int value, int max, int on, int off) {
        int lit = max <= 0 ? 0 : (int) Math.min(cells, Math.max(0, (long) value * cells / max));
        if (value > 0 && lit == 0) {
            lit = 1;
        }
        for (int i = 0; i < cells; i++) {
            put(col + i, row, BAR, i < lit ? on : off, Colors.PANEL);
        }
        return col + cells;
    }

    /** Draws everything written this frame. */
    public void draw(TileRenderer r, int fbWidth, int fbHeight) {
        r.drawCells(base, count, Layout.TEXT_W, Layout.ROW_H, 0, 0, Layout.TEXT_W / 16f, fbWidth, fbHeight);
    }

    /** @return cells written this frame */
    public int count() {
        return count;
    }
}
