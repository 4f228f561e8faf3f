package dev.burrow.dungeon.ui;

/**
 * Where things go on the play screen, recomputed from the framebuffer size every frame (so a resize re-lays
 * everything out): a fixed sidebar on the left, the memory overlay docked on the right (its width is the overlay's
 * to say), the message bar under the map, and the map in what is left. All in pixels; text is laid out in cells of
 * {@link #TEXT_W} by {@link #ROW_H}.
 */
public final class Layout {
    /** Text cell width (the middle of each 16-pixel glyph). */
    public static final int TEXT_W = 10;
    /** Text row and map tile height. */
    public static final int ROW_H = 16;
    /** Map tile width. */
    public static final int TILE_W = 16;
    /** Sidebar width in text columns. */
    public static final int SIDEBAR_COLS = 30;
    /** Message bar height in rows. */
    public static final int MESSAGE_ROWS = 4;

    int width;
    int height;
    int sidebarW;
    int mapX;
    int mapY;
    int mapW;
    int mapH;
    int messageY;
    int overlayW;

    /**
     * @param fbWidth framebuffer width
     * @param fbHeight framebuffer height
     * @param overlayWidth pixels the docked memory overlay takes on the right (0 when hidden)
     */
    public void update(int fbWidth, int fbHeight, int overlayWidth) {
        width = Math.max(1, fbWidth);
        height = Math.max(1, fbHeight);
        sidebarW = Math.min(SIDEBAR_COLS * TEXT_W, width / 2 / TEXT_W * TEXT_W);
        overlayW = Math.max(0, Math.min(overlayWidth, width - sidebarW - TILE_W * 5));
        mapX = sidebarW;
        mapY = 0;
        mapW = Math.max(0, width - sidebarW - overlayW);
        int messageH = Math.min(MESSAGE_ROWS * ROW_H, height / 3);
        mapH = Math.max(0, height - messageH);
        messageY = mapH;
    }

    /** @return map columns that fit (whole tiles) */
    public int mapCols() { return mapW / TILE_W; }

    /** @return map rows that fit */
    public int mapRows() { return mapH / ROW_H; }

    /** @return sidebar text rows */
    public int sidebarRows() { return height / ROW_H; }

    /** @return sidebar text columns */
    public int sidebarCols() { return sidebarW / TEXT_W; }

    /** @return text columns across the message bar (as wide as the map) */
    public int messageCols() { return mapW / TEXT_W; }

    /** @return message rows */
    public int messageRows() { return (height - messageY) / ROW_H; }

    public int width() { return width; }
    public int height() { return height; }
    public int sidebarWidth() { return sidebarW; }
    public int mapX() { return mapX; }
    public int mapY() { return mapY; }
    public int mapWidth() { return mapW; }
    public int mapHeight() { return mapH; }
    public int messageY() { return messageY; }
    public int overlayWidth() { return overlayW; }
}
