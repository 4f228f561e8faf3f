package dev.burrow.dungeon.render;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.memory.FrameArena;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.opengl.GL14C;
import org.lwjgl.opengl.GL15C;
import org.lwjgl.opengl.GL20C;
import org.lwjgl.opengl.GL30C;
import org.lwjgl.opengl.GL31C;
import org.lwjgl.opengl.GL33C;
import org.lwjgl.system.MemoryUtil;

/**
 * Draws the map as one instanced draw: one instance per screen cell (position, glyph, foreground, background),
 * composed on the CPU from terrain, light, memory, entities and the player, written into frame-arena memory and
 * streamed with orphan + sub-data. The camera keeps the player centred on maps larger than the window and centres
 * maps smaller than it.
 */
public final class TileRenderer implements AutoCloseable {
    private static final int STRIDE = 20; // float x, float y, uint glyph, rgba8 fg, rgba8 bg
    /** Pixels per column of {@link #drawScreenText} text: the atlas glyphs' ink is 9 pixels wide in 16-pixel cells. */
    public static final int TEXT_WIDTH = 10;
    private final ShaderProgram program;
    private final Atlas atlas;
    private final int vao;
    private final int quad;
    private final int instances;
    private final int uTile;
    private final int uViewport;
    private long capacityBytes;
    private int lastInstances;
    private final int uOrigin;
    private final int uOffset;
    private final int uSpan;
    private final float fullSpanFrom;
    private final float fullSpanTo;
    private final float textSpanFrom;
    private final float textSpanTo;
    private float originX;
    private float originY;

    /** Compiles the shaders, loads the atlas, makes the buffers. Needs a current GL 3.3 context. */
    public TileRenderer() {
        program = new ShaderProgram("assets/shaders/tiles.vert", "assets/shaders/tiles.frag");
        atlas = new Atlas();
        uTile = program.uniform("uTile");
        uViewport = program.uniform("uViewport");
        uOrigin = program.uniform("uOrigin");
        uOffset = program.uniform("uOffset");
        uSpan = program.uniform("uSpan");
        // Whole cells for the map and sprites; for text, the middle TEXT_WIDTH pixels, where every glyph's ink is.
        fullSpanFrom = 0.5f / atlas.cellWidth;
        fullSpanTo = 1f - fullSpanFrom;
        float margin = (atlas.cellWidth - TEXT_WIDTH) / 2f;
        textSpanFrom = (margin + 0.5f) / atlas.cellWidth;
        textSpanTo = (atlas.cellWidth - margin - 0.5f) / atlas.cellWidth;
        vao = GL30C.glGenVertexArrays();
        GL30C.glBindVertexArray(vao);
        quad = GL15C.glGenBuffers();
        GL15C.glBindBuffer(GL15C.GL_ARRAY_BUFFER, quad);
        GL15C.glBufferData(GL15C.GL_ARRAY_BUFFER, new float[] {0, 0, 1, 0, 0, 1, 1, 1}, GL15C.GL_STATIC_DRAW);
        GL20C.glEnableVertexAttribArray(0);
        GL20C.glVertexAttribPointer(0, 2, GL11C.GL_FLOAT, false, 8, 0);
        instances = GL15C.glGenBuffers();
        GL15C.glBindBuffer(GL15C.GL_ARRAY_BUFFER, instances);
        GL20C.glEnableVertexAttribArray(1);
        GL20C.glVertexAttribPointer(1, 2, GL11C.GL_FLOAT, false, STRIDE, 0);
        GL33C.glVertexAttribDivisor(1, 1);
        GL20C.glEnableVertexAttribArray(2);
        GL30C.glVertexAttribIPointer(2, 1, GL11C.GL_UNSIGNED_INT, STRIDE, 8);
        GL33C.glVertexAttribDivisor(2, 1);
        GL20C.glEnableVertexAttribArray(3);
        GL20C.glVertexAttribPointer(3, 4, GL11C.GL_UNSIGNED_BYTE, true, STRIDE, 12);
        GL33C.glVertexAttribDivisor(3, 1);
        GL20C.glEnableVertexAttribArray(4);
        GL20C.glVertexAttribPointer(4, 4, GL11C.GL_UNSIGNED_BYTE, true, STRIDE, 16);
        GL33C.glVertexAttribDivisor(4, 1);
        GL30C.glBindVertexArray(0);
    }

    /** @return the size of a map cell on screen, in pixels */
    public int tileWidth() { return atlas.cellWidth; }

    /** @return the map row at the top edge of the last map drawn (fractional with {@link #drawFollowing}) */
    public float originRow() { return originY; }

    /** @return instances drawn last frame */
    public int lastInstances() { return lastInstances; }

    /**
     * Draws a level centred on a point.
     *
     * @param l the level
     * @param assets for entity glyphs and colours
     * @param playerX the column to keep in view (and draw the player at, when {@code drawPlayer})
     * @param playerY the row
     * @param drawPlayer whether to draw '@' there
     * @param frame scratch for the instance data
     * @param width framebuffer width
     * @param height framebuffer height
     * @param focusWidth pixels from the left in which the point is kept
     */
    public void draw(Level l, GenAssets assets, int playerX, int playerY, boolean drawPlayer, FrameArena frame,
                     int width, int height, int focusWidth) {
        int tw = atlas.cellWidth;
        int th = atlas.cellHeight;
        int cols = (width + tw - 1) / tw;
        int rows = (height + th - 1) / th;
        int focusCols = Math.max(1, Math.min(cols, focusWidth / tw));
        int x0 = origin(playerX, focusCols, l.width());
        int y0 = origin(playerY, rows, l.height());
        originX = x0;
        originY = y0;
        long data = frame.alloc((long) cols * rows * STRIDE, 16);
        compose(l, assets, x0, y0, cols, rows, drawPlayer, playerX, playerY, data);
        clearAndDraw(data, cols * rows, width, height, 0, 0);
    }

    /**
     * Draws a level under a camera that moves smoothly (by fractions of a cell) to keep {@code (focusX, focusY)}
     * centred, clamped to the map's edges; maps smaller than the view are centred. Sprites drawn next
     * ({@link #drawSprites}) follow the same camera. Draws one more column and row than fit, for the part-cells at
     * the edges.
     *
     * @param l the level
     * @param assets for entity glyphs and colours
     * @param focusX the column (fractional, in cells) to keep in the middle
     * @param focusY the row
     * @param frame scratch for the instance data
     * @param width pixels of the view (from the left edge of the framebuffer; the caller sets the viewport)
     * @param height pixels of the view
     */
    public void drawFollowing(Level l, GenAssets assets, float focusX, float focusY, FrameArena frame, int width, int height) {
        int tw = atlas.cellWidth;
        int th = atlas.cellHeight;
        float viewCols = (float) width / tw;
        float viewRows = (float) height / th;
        float ox = smoothOrigin(focusX, viewCols, l.width());
        float oy = smoothOrigin(focusY, viewRows, l.height());
        int x0 = (int) Math.floor(ox);
        int y0 = (int) Math.floor(oy);
        int cols = (int) Math.ceil(viewCols) + 1;
        int rows = (int) Math.ceil(viewRows) + 1;
        originX = ox;
        originY = oy;
        long data = frame.alloc((long) cols * rows * STRIDE, 16);
        compose(l, assets, x0, y0, cols, rows, false, 0, 0, data);
        clearAndDraw(data, cols * rows, width, height, ox - x0, oy - y0);
    }

    /** Writes {@code cols x rows} cell instances from map cell (x0, y0), at screen cells (0, 0) and up. */
    private void compose(Level l, GenAssets assets, int x0, int y0, int cols, int rows, boolean drawPlayer, int playerX,
                         int playerY, long data) {
        long p = data;
        for (int sy = 0; sy < rows; sy++) {
            for (int sx = 0; sx < cols; sx++) {
                int mx = x0 + sx;
                int my = y0 + sy;
                int glyph = ' ';
                int fg = Palette.BLACK;
                int bg = Palette.BLACK;
                if (l.inBounds(mx, my)) {
                    int f = l.flags(mx, my);
                    if ((f & (Level.VISIBLE | Level.REMEMBERED)) != 0) {
                        int t = l.terrain(mx, my);
                        glyph = Palette.GLYPH[t];
                        fg = Palette.FG[t];
                        bg = Palette.BG[t];
                        if ((f & Level.VISIBLE) == 0) {
                            fg = Palette.dim(fg);
                            bg = Palette.dim(bg);
                        } else {
                            if ((f & Level.LIT) != 0) {
                                bg = Palette.lit(bg);
                            }
                            int e = l.entityAt(mx, my) >= 0 ? l.entityAt(mx, my) : l.fixtureAt(mx, my);
                            if (e >= 0) {
                                int kind = l.entity(e, Level.E_KIND);
                                if (kind == Population.TORCH) {
                                    glyph = '*';
                                    fg = Palette.TORCH;
                                } else {
                                    Population.Entry entry = assets.population().table(kind).get(l.entity(e, Level.E_TYPE));
                                    glyph = entry.glyph();
                                    fg = Palette.rgba(entry.rgb());
                                }
                            }
                        }
                    }
                    if (drawPlayer && mx == playerX && my == playerY) {
                        glyph = '@';
                        fg = Palette.PLAYER;
                    }
                }
                MemoryUtil.memPutFloat(p, sx);
                MemoryUtil.memPutFloat(p + 4, sy);
                MemoryUtil.memPutInt(p + 8, glyph & 0xFF);
                MemoryUtil.memPutInt(p + 12, fg);
                MemoryUtil.memPutInt(p + 16, bg);
                p += STRIDE;
            }
        }
    }

    private void clearAndDraw(long data, int count, int width, int height, float shiftX, float shiftY) {
        clear();
        drawOpaque(data, count, atlas.cellWidth, atlas.cellHeight, shiftX, shiftY, 0, 0, fullSpanFrom, fullSpanTo, width, height);
    }

    /** Clears the window to black. */
    public void clear() {
        GL11C.glClearColor(0, 0, 0, 1);
        GL11C.glClear(GL11C.GL_COLOR_BUFFER_BIT);
    }

    /**
     * Draws {@code count} cells already written at {@code data} ({@link #SPRITE_BYTES} each: x, y in cells as floats,
     * glyph, fg, bg), opaque.
     *
     * @param cellWidth cell width in pixels (map: {@link #tileWidth()}, text: {@link #TEXT_WIDTH})
     * @param cellHeight cell height in pixels
     * @param offsetX pixel column of cell (0, 0)
     * @param offsetY pixel row of cell (0, 0)
     * @param span share of each atlas cell's width to sample, centred (1 for tiles, {@code TEXT_WIDTH / 16f} for text)
     * @param width framebuffer width
     * @param height framebuffer height
     */
    public void drawCells(long data, int count, float cellWidth, float cellHeight, float offsetX, float offsetY, float span,
                          int width, int height) {
        // Half a texel in from the edges at span 1, as for map tiles; narrower spans keep the middle of the glyph.
        float from = 0.5f - span * (0.5f - fullSpanFrom);
        drawOpaque(data, count, cellWidth, cellHeight, 0, 0, offsetX, offsetY, from, 1f - from, width, height);
    }

    private void drawOpaque(long data, int count, float cellWidth, float cellHeight, float originX, float originY,
                            float offsetX, float offsetY, float spanFrom, float spanTo, int width, int height) {
        if (draw(data, count, cellWidth, cellHeight, originX, originY, offsetX, offsetY, spanFrom, spanTo, width, height)) {
            lastInstances = count; // the map's instances; sprites and text drawn over it are not counted
        }
    }

    /** Uploads {@code count} instances (orphan + sub-data) and draws them with these uniforms; false when there are none. */
    private boolean draw(long data, int count, float cellWidth, float cellHeight, float originX, float originY,
                         float offsetX, float offsetY, float spanFrom, float spanTo, int width, int height) {
        if (count == 0) {
            return false;
        }
        long bytes = (long) count * STRIDE;
        GL20C.glUseProgram(program.id);
        GL20C.glUniform2f(uTile, cellWidth, cellHeight);
        GL20C.glUniform2f(uViewport, width, height);
        GL20C.glUniform2f(uOrigin, originX, originY);
        GL20C.glUniform2f(uOffset, offsetX, offsetY);
        GL20C.glUniform2f(uSpan, spanFrom, spanTo);
        GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, atlas.texture);
        GL30C.glBindVertexArray(vao);
        GL15C.glBindBuffer(GL15C.GL_ARRAY_BUFFER, instances);
        if (bytes > capacityBytes) {
            capacityBytes = bytes;
        }
        GL15C.nglBufferData(GL15C.GL_ARRAY_BUFFER, capacityBytes, 0, GL15C.GL_STREAM_DRAW); // orphan
        GL15C.nglBufferSubData(GL15C.GL_ARRAY_BUFFER, 0, bytes, data);
        GL31C.glDrawArraysInstanced(GL11C.GL_TRIANGLE_STRIP, 0, 4, count);
        GL30C.glBindVertexArray(0);
        GL20C.glUniform2f(uOrigin, 0, 0);
        return true;
    }

    /**
     * Draws sprites over the map: {@code count} instances already written at {@code data} in the map's format
     * (x, y in map cells as floats, glyph, fg, bg), shifted by the last map draw's origin, alpha-blended.
     */
    public void drawSprites(long data, int count, int width, int height) {
        drawInstances(data, count, width, height, originX, originY, atlas.cellWidth, fullSpanFrom, fullSpanTo);
    }

    /**
     * Draws cells in screen cells (x, y from the top-left of the view, not map cells) over what is there,
     * alpha-blended: text and panels over the map. Same instance format as {@link #drawSprites}.
     */
    public void drawScreenCells(long data, int count, int width, int height) {
        drawInstances(data, count, width, height, 0, 0, atlas.cellWidth, fullSpanFrom, fullSpanTo);
    }

    /**
     * Like {@link #drawScreenCells}, in text columns of {@link #TEXT_WIDTH} pixels (the middle of each glyph cell)
     * instead of square map cells: a HUD line holds 60% more characters and reads as text, not as spaced-out tiles.
     */
    public void drawScreenText(long data, int count, int width, int height) {
        drawInstances(data, count, width, height, 0, 0, TEXT_WIDTH, textSpanFrom, textSpanTo);
    }

    private void drawInstances(long data, int count, int width, int height, float ox, float oy, int cellWidth, float spanFrom,
                               float spanTo) {
        if (count == 0) {
            return;
        }
        GL11C.glEnable(GL11C.GL_BLEND);
        GL14C.glBlendFunc(GL11C.GL_SRC_ALPHA, GL11C.GL_ONE_MINUS_SRC_ALPHA);
        draw(data, count, cellWidth, atlas.cellHeight, ox, oy, 0, 0, spanFrom, spanTo, width, height);
        GL11C.glDisable(GL11C.GL_BLEND);
    }

    /** Sprite instance size in bytes. */
    public static final int SPRITE_BYTES = STRIDE;

    /** First map cell shown, fractional: keep the focus centred on big maps (clamped to the edges), centre small ones. */
    static float smoothOrigin(float focus, float cells, int mapCells) {
        if (mapCells <= cells) {
            return -(float) Math.floor((cells - mapCells) / 2);
        }
        return Math.max(0, Math.min(mapCells - cells, focus - cells / 2));
    }

    /** @return the atlas cell height in pixels (rows of text in a view) */
    public int tileHeight() { return atlas.cellHeight; }

    /** First map cell shown: keep the player centred on big maps, centre small ones, in {@code cells} columns. */
    static int origin(int player, int cells, int mapCells) {
        if (mapCells <= cells) {
            return -(cells - mapCells) / 2;
        }
        return Math.max(0, Math.min(mapCells - cells, player - cells / 2));
    }

    @Override
    public void close() {
        GL15C.glDeleteBuffers(instances);
        GL15C.glDeleteBuffers(quad);
        GL30C.glDeleteVertexArrays(vao);
        atlas.close();
        program.close();
    }
}
