package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.render.Palette;

/** The screen's text colours (RGBA8). */
final class Colors {
    static final int BG = Palette.rgba(0x0c0c10);
    static final int PANEL = Palette.rgba(0x14141c);
    static final int TEXT = Palette.rgba(0xd8d8d8);
    static final int DIM = Palette.rgba(0x8a8a96);
    static final int TITLE = Palette.rgba(0xffe14d);
    static final int GOOD = Palette.rgba(0x60d060);
    static final int BAD = Palette.rgba(0xe05050);
    static final int WARN = Palette.rgba(0xf0b040);
    static final int BAR_OFF = Palette.rgba(0x383840);
    static final int XP = Palette.rgba(0x80a0ff);
    static final int NEW = Palette.rgba(0xffffff);
    static final int OLD = Palette.rgba(0x9a9aa6);
    static final int HINT = Palette.rgba(0x80e0ff);
    static final int SELECTED = Palette.rgba(0x3a3410);

    private Colors() {
    }
}
