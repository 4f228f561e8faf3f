package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.gen.FeatureType;
import dev.burrow.dungeon.gen.ItemRecord;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.dungeon.gen.Theme;
import dev.burrow.dungeon.render.Palette;
import dev.burrow.dungeon.render.TileRenderer;
import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryUtil;

/**
 * The map inside its rectangle of the play screen, as the player knows it: what is in sight in full colour (lit
 * cells warmer), what is remembered in blue-grey with the items last seen there, monsters only when seen (or sensed
 * by telepathy), the player always. The view scrolls to keep the player (or the look cursor) in the middle, so
 * nothing the sidebar, the message bar or the overlay covers can hide them. One instanced draw.
 */
public final class MapView {
    private static final int STRIDE = TileRenderer.SPRITE_BYTES;
    private static final int CURSOR_BG = Palette.rgba(0x6a5a10);
    private static final int TELEPATHY_BG = Palette.rgba(0x200828);
    private int originX;
    private int originY;
    private int wallFg;
    private int wallBg;
    private int floorFg;
    private int corridorFg;

    /**
     * Composes and draws the map.
     *
     * @param cursor whether to show the look cursor at (cursorX, cursorY) and keep it in view
     */
    public void draw(Game g, Layout lay, TileRenderer r, FrameArena frame, boolean cursor, int cursorX, int cursorY) {
        int cols = lay.mapCols();
        int rows = lay.mapRows();
        if (cols <= 0 || rows <= 0) {
            return;
        }
        Level l = g.level();
        theme(g.assets().theme(l.theme()));
        int fx = cursor ? cursorX : g.playerX();
        int fy = cursor ? cursorY : g.playerY();
        originX = origin(fx, cols, l.width());
        originY = origin(fy, rows, l.height());
        if (cursor) { // keep the player in view too when both fit; the cursor wins when they do not
            originX = keep(keep(originX, g.playerX(), cols, l.width()), cursorX, cols, l.width());
            originY = keep(keep(originY, g.playerY(), rows, l.height()), cursorY, rows, l.height());
        }
        long data = frame.alloc((long) cols * rows * STRIDE, 16);
        long p = data;
        for (int sy = 0; sy < rows; sy++) {
            for (int sx = 0; sx < cols; sx++) {
                cell(g, l, p, sx, sy, originX + sx, originY + sy, cursor && originX + sx == cursorX && originY + sy == cursorY);
                p += STRIDE;
            }
        }
        int offX = lay.mapX() + (lay.mapWidth() - cols * Layout.TILE_W) / 2;
        int offY = lay.mapY() + (lay.mapHeight() - rows * Layout.ROW_H) / 2;
        r.drawCells(data, cols * rows, Layout.TILE_W, Layout.ROW_H, offX, offY, 1f, lay.width(), lay.height());
    }

    private void theme(Theme t) {
        wallFg = Palette.rgba(t.wallRgb());
        wallBg = Palette.scale(wallFg, 3, 10);
        floorFg = Palette.rgba(t.floorRgb());
        corridorFg = Palette.scale(floorFg, 4, 5);
    }

    private void cell(Game g, Level l, long p, int sx, int sy, int mx, int my, boolean cursor) {
        int glyph = ' ';
        int fg = Palette.BLACK;
        int bg = Palette.BLACK;
        if (l.inBounds(mx, my)) {
            int f = l.flags(mx, my);
            boolean visible = (f & Level.VISIBLE) != 0;
            if ((f & (Level.VISIBLE | Level.REMEMBERED)) != 0) {
                int t = l.terrain(mx, my);
                glyph = Palette.GLYPH[t];
                fg = terrainFg(t);
                bg = terrainBg(t);
                int item = l.items().at(mx, my);
                if (item != 0) {
                    Population.Entry e = g.assets().population().item(ItemRecord.type(l.items().record(item)));
                    glyph = e.glyph();
                    fg = Palette.rgba(e.rgb());
                }
                int e = l.fixtureAt(mx, my);
                if (e >= 0) {
                    int kind = l.entity(e, Level.E_KIND);
                    if (kind == Population.TORCH) {
                        glyph = '*';
                        fg = Palette.TORCH;
                    } else if (kind == Population.FEATURE && (l.entity(e, Level.E_STATE) & Level.FEATURE_HIDDEN) == 0) {
                        FeatureType ft = g.assets().population().feature(l.entity(e, Level.E_TYPE));
                        glyph = ft.glyph();
                        fg = Palette.rgba(ft.rgb());
                        if ((l.entity(e, Level.E_STATE) & Level.FEATURE_USED) != 0) {
                            fg = Palette.dim(fg);
                        }
                    }
                }
                if (visible) {
                    if ((f & Level.LIT) != 0) {
                        bg = Palette.lit(bg);
                    }
                } else {
                    fg = Palette.remembered(fg);
                    bg = Palette.rememberedBg(bg);
                }
            }
            int e = l.entityAt(mx, my);
            if (e >= 0 && l.entity(e, Level.E_KIND) == Population.MONSTER && g.shows(mx, my)) {
                Population.Entry m = g.assets().population().monster(l.entity(e, Level.E_TYPE));
                glyph = m.glyph();
                fg = Palette.rgba(m.rgb());
                if (!visible) {
                    bg = TELEPATHY_BG;
                }
            }
            if (mx == g.playerX() && my == g.playerY()) {
                glyph = '@';
                fg = Palette.PLAYER;
            }
        }
        if (cursor) {
            bg = CURSOR_BG;
        }
        MemoryUtil.memPutFloat(p, sx);
        MemoryUtil.memPutFloat(p + 4, sy);
        MemoryUtil.memPutInt(p + 8, glyph & 0xFF);
        MemoryUtil.memPutInt(p + 12, fg);
        MemoryUtil.memPutInt(p + 16, bg);
    }

    private int terrainFg(int t) {
        switch (t) {
            case Terrain.WALL: case Terrain.DOOR_SECRET: return wallFg;
            case Terrain.FLOOR: return floorFg;
            case Terrain.CORRIDOR: return corridorFg;
            default: return Palette.FG[t];
        }
    }

    private int terrainBg(int t) {
        return t == Terrain.WALL || t == Terrain.DOOR_SECRET ? wallBg : Palette.BG[t];
    }

    /** First map cell shown: the focus centred on big maps, small maps centred. */
    static int origin(int focus, int cells, int mapCells) {
        if (mapCells <= cells) {
            return -(cells - mapCells) / 2;
        }
        return Math.max(0, Math.min(mapCells - cells, focus - cells / 2));
    }

    /** Shifts an origin just enough to keep {@code p} inside the view. */
    private static int keep(int origin, int p, int cells, int mapCells) {
        if (mapCells <= cells) {
            return origin;
        }
        if (p < origin) {
            return p;
        }
        if (p >= origin + cells) {
            return p - cells + 1;
        }
        return origin;
    }

    /** @return the map column shown at the view's left edge last frame */
    public int originX() { return originX; }

    /** @return the map row shown at the view's top edge last frame */
    public int originY() { return originY; }
}
