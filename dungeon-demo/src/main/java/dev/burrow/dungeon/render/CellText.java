package dev.burrow.dungeon.render;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * Text, numbers, bars and boxes as cell instances for {@link TileRenderer#drawScreenCells}: a HUD drawn with the
 * map's own glyph atlas, in the same single instanced draw style, written into frame memory. Writing a string or a
 * number allocates nothing (characters are read with {@code charAt}, digits computed), so a HUD can change every
 * frame without making garbage. Cells past the capacity given to {@link #begin} are dropped, not overflowed.
 */
public final class CellText {
    private static final int STRIDE = TileRenderer.SPRITE_BYTES;
    private static final int X = 0;
    private static final int Y = 4;
    private static final int GLYPH = 8;
    private static final int FG = 12;
    private static final int BG = 16;
    /** CP437 full block, for bars. */
    public static final int BLOCK = 219;
    /** CP437 light shade, for the empty part of bars. */
    public static final int SHADE = 176;
    private final long[] pow10 = new long[19];
    private long data;
    private int count;
    private int capacity;

    /** A reusable writer. */
    public CellText() {
        long p = 1;
        for (int i = 0; i < pow10.length; i++) {
            pow10[i] = p;
            p *= 10;
        }
    }

    /** @param rgb 0xRRGGBB @return the colour in the instance format (opaque) */
    public static int colour(int rgb) {
        return Palette.rgba(rgb);
    }

    /** Starts a new batch of at most {@code maxCells} cells in frame memory (valid until the frame ends). */
    public CellText begin(FrameArena frame, int maxCells) {
        capacity = Math.max(1, maxCells);
        data = frame.alloc((long) capacity * STRIDE, 16);
        count = 0;
        return this;
    }

    /** Puts one cell. {@code bg} 0 is transparent. */
    public void cell(int col, int row, int glyph, int fg, int bg) {
        if (count == capacity) {
            return;
        }
        long p = data + (long) count++ * STRIDE;
        MemoryUtil.memPutFloat(p + X, col);
        MemoryUtil.memPutFloat(p + Y, row);
        MemoryUtil.memPutInt(p + GLYPH, glyph & 0xFF);
        MemoryUtil.memPutInt(p + FG, fg);
        MemoryUtil.memPutInt(p + BG, bg);
    }

    /** @return the column after the text */
    public int text(int col, int row, String s, int fg, int bg) {
        for (int i = 0; i < s.length(); i++) {
            cell(col + i, row, s.charAt(i), fg, bg);
        }
        return col + s.length();
    }

    /** @return the column after the number (decimal, a minus sign when negative) */
    public int number(int col, int row, long n, int fg, int bg) {
        if (n < 0) {
            cell(col++, row, '-', fg, bg);
            n = n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
        }
        int digits = 1;
        while (digits < pow10.length && n >= pow10[digits]) {
            digits++;
        }
        for (int d = digits - 1; d >= 0; d--) {
            cell(col++, row, '0' + (int) ((n / pow10[d]) % 10), fg, bg);
        }
        return col;
    }

    /** A bar of {@code width} cells, {@code fraction} (clamped to 0..1) of it full. @return the column after it */
    public int bar(int col, int row, int width, float fraction, int full, int empty, int bg) {
        int filled = Math.round(Math.max(0f, Math.min(1f, fraction)) * width);
        for (int i = 0; i < width; i++) {
            cell(col + i, row, i < filled ? BLOCK : SHADE, i < filled ? full : empty, bg);
        }
        return col + width;
    }

    /** Fills a rectangle of cells with one glyph and colours (a space with a background makes a panel). */
    public void fill(int col, int row, int width, int height, int glyph, int fg, int bg) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                cell(col + x, row + y, glyph, fg, bg);
            }
        }
    }

    /** @return address of the cells */
    public long data() { return data; }

    /** @return cells written */
    public int count() { return count; }
}
