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
 * Draws grids of glyph cells as one instanced draw each: one instance per cell (position, glyph, foreground,
 * background) written into frame-arena memory by the caller and streamed with orphan + sub-data. The same atlas
 * serves map tiles (16x16) and text (10x16 cells that sample the middle of each glyph). {@link #draw(Level, GenAssets,
 * int, int, boolean, FrameArena, int, int, int)} composes a whole-window map (the arena's view); the play screen
 * composes its own cells and calls {@link #drawCells}.
 */
public final class TileRenderer implements AutoCloseable {
    private static final int STRIDE = 20; // float x, float y, uint glyph, rgba8 fg, rgba8 bg
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
    private int originX;
    private int originY;
    /** Text cells: 10 pixels wide, the middle 10 of the atlas's 16. */
    public static final int TEXT_WIDTH = 10;

    /** Compiles the shaders, loads the atlas, makes the buffers. Needs a current GL 3.3 context. */
    public TileRenderer() {
        program = new ShaderProgram("assets/shaders/tiles.vert", "assets/shaders/tiles.frag");
        atlas = new Atlas();
        uTile = program.uniform("uTile");
        uViewport = program.uniform("uViewport");
        uOrigin = program.uniform("uOrigin");
        uOffset = program.uniform("uOffset");
        uSpan = program.uniform("uSpan");
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

    /** @return the height of a map cell and of a text row, in pixels */
    public int tileHeight() { return atlas.cellHeight; }

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
        int count = cols * rows;
        long bytes = (long) count * STRIDE;
        long data = frame.alloc(bytes, 16);
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
        clear();
        drawCells(data, count, tw, th, 0, 0, 1f, width, height);
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
        if (count == 0) {
            return;
        }
        long bytes = (long) count * STRIDE;
        GL20C.glUseProgram(program.id);
        GL20C.glUniform2f(uTile, cellWidth, cellHeight);
        GL20C.glUniform2f(uViewport, width, height);
        GL20C.glUniform2f(uOrigin, 0, 0);
        GL20C.glUniform2f(uOffset, offsetX, offsetY);
        GL20C.glUniform1f(uSpan, span);
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
        lastInstances = count;
    }

    /**
     * Draws sprites over the map: {@code count} instances already written at {@code data} in the map's format
     * (x, y in map cells as floats, glyph, fg, bg), shifted by the last map draw's origin, alpha-blended.
     */
    public void drawSprites(long data, int count, int width, int height) {
        if (count == 0) {
            return;
        }
        long bytes = (long) count * STRIDE;
        GL11C.glEnable(GL11C.GL_BLEND);
        GL14C.glBlendFunc(GL11C.GL_SRC_ALPHA, GL11C.GL_ONE_MINUS_SRC_ALPHA);
        GL20C.glUseProgram(program.id);
        GL20C.glUniform2f(uTile, atlas.cellWidth, atlas.cellHeight);
        GL20C.glUniform2f(uViewport, width, height);
        GL20C.glUniform2f(uOrigin, originX, originY);
        GL20C.glUniform2f(uOffset, 0, 0);
        GL20C.glUniform1f(uSpan, 1f);
        GL11C.glBindTexture(GL11C.GL_TEXTURE_2D, atlas.texture);
        GL30C.glBindVertexArray(vao);
        GL15C.glBindBuffer(GL15C.GL_ARRAY_BUFFER, instances);
        if (bytes > capacityBytes) {
            capacityBytes = bytes;
        }
        GL15C.nglBufferData(GL15C.GL_ARRAY_BUFFER, capacityBytes, 0, GL15C.GL_STREAM_DRAW);
        GL15C.nglBufferSubData(GL15C.GL_ARRAY_BUFFER, 0, bytes, data);
        GL31C.glDrawArraysInstanced(GL11C.GL_TRIANGLE_STRIP, 0, 4, count);
        GL30C.glBindVertexArray(0);
        GL20C.glUniform2f(uOrigin, 0, 0);
        GL11C.glDisable(GL11C.GL_BLEND);
    }

    /** Sprite instance size in bytes. */
    public static final int SPRITE_BYTES = STRIDE;

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
