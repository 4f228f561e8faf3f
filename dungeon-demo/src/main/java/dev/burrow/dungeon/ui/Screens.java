package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.game.Pack;
import dev.burrow.dungeon.game.Player;
import dev.burrow.dungeon.game.Texts;
import dev.burrow.dungeon.gen.FeatureType;
import dev.burrow.dungeon.gen.ItemRecord;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;

/**
 * The screens drawn over the map: the pack (and one item of it with what it does and the keys to use or drop it),
 * the help, the end of a game (cause, depth, turns, kills, score, where the morgue went), and the look description
 * in the message bar.
 */
final class Screens {
    private final UiTexts ui;

    Screens(UiTexts ui) {
        this.ui = ui;
    }

    /** A box over the map area, centred; text origin set to its inside. @return its columns */
    private static int box(Layout lay, TextBatch t, int wantCols, int wantRows) {
        int cols = Math.min(wantCols, lay.mapWidth() / Layout.TEXT_W);
        int rows = Math.min(wantRows, lay.mapHeight() / Layout.ROW_H);
        int px = lay.mapX() + (lay.mapWidth() - cols * Layout.TEXT_W) / 2;
        int py = lay.mapY() + Math.max(0, (lay.mapHeight() - rows * Layout.ROW_H) / 3);
        t.origin(px, py, cols, rows);
        t.fill(0, 0, cols, rows, Colors.PANEL);
        return cols;
    }

    void pack(Game g, Layout lay, TextBatch t, int selected) {
        Pack pack = g.pack();
        Texts tx = g.texts();
        int cols = box(lay, t, 70, Pack.SLOTS + 7);
        t.text(1, 0, ui.packTitle, Colors.TITLE, Colors.PANEL);
        int row = 2;
        for (int i = 0; i < Pack.SLOTS; i++) {
            if (!pack.has(i)) {
                continue;
            }
            int bg = i == selected ? Colors.SELECTED : Colors.PANEL;
            if (i == selected) {
                t.fill(0, row, cols, 1, bg);
            }
            Sidebar.itemLine(g, t, tx, ui, 2, row++, i, Colors.TEXT, bg);
        }
        if (pack.count() == 0) {
            t.text(2, row++, ui.packEmpty, Colors.DIM, Colors.PANEL);
        }
        if (selected >= 0 && pack.has(selected)) {
            int type = pack.type(selected);
            row++;
            t.text(2, row++, tx.describe[type], Colors.HINT, Colors.PANEL);
            int c = t.text(2, row, ui.itemKeysUse, Colors.TEXT, Colors.PANEL);
            c = t.text(c, row, verb(g, selected), Colors.TITLE, Colors.PANEL);
            t.text(c, row, ui.itemKeysDrop, Colors.TEXT, Colors.PANEL);
        }
    }

    private String verb(Game g, int slot) {
        switch (g.assets().population().item(g.pack().type(slot)).cls()) {
            case ItemType.POTION: return ui.verbDrink;
            case ItemType.SCROLL: return ui.verbRead;
            case ItemType.WAND: return ui.verbZap;
            case ItemType.WEAPON: return g.pack().equipped(slot) ? ui.verbUnwield : ui.verbWield;
            case ItemType.ARMOUR: return g.pack().equipped(slot) ? ui.verbTakeOff : ui.verbWear;
            default: return ui.verbLook;
        }
    }

    void help(Layout lay, TextBatch t) {
        box(lay, t, 70, ui.help.length + 3);
        t.text(1, 0, ui.helpTitle, Colors.TITLE, Colors.PANEL);
        for (int i = 0; i < ui.help.length; i++) {
            t.text(2, i + 2, ui.help[i], Colors.TEXT, Colors.PANEL);
        }
    }

    /** The end of a game: how, where, how long, the score, and where the morgue file went. */
    void end(Game g, Layout lay, TextBatch t, String morgue) {
        int cols = box(lay, t, 100, 16);
        boolean won = g.state() == Game.WON;
        Player p = g.player();
        t.text(2, 1, won ? ui.wonTitle : ui.deadTitle, won ? Colors.GOOD : Colors.BAD, Colors.PANEL);
        t.text(2, 3, g.cause(), Colors.TEXT, Colors.PANEL);
        int c = t.text(2, 5, ui.endDepth, Colors.TEXT, Colors.PANEL);
        c = t.number(c, 5, g.depth(), Colors.TITLE, Colors.PANEL);
        c = t.text(c, 5, ui.endTurns, Colors.TEXT, Colors.PANEL);
        c = t.number(c, 5, g.turn(), Colors.TITLE, Colors.PANEL);
        c = t.text(c, 5, ui.endKills, Colors.TEXT, Colors.PANEL);
        t.number(c, 5, p.kills(), Colors.TITLE, Colors.PANEL);
        c = t.text(2, 6, ui.endLevel, Colors.TEXT, Colors.PANEL);
        c = t.number(c, 6, p.level(), Colors.TITLE, Colors.PANEL);
        c = t.text(c, 6, ui.endGold, Colors.TEXT, Colors.PANEL);
        t.number(c, 6, p.gold(), Colors.TITLE, Colors.PANEL);
        c = t.text(2, 8, ui.endScore, Colors.TEXT, Colors.PANEL);
        t.number(c, 8, g.score(), Colors.TITLE, Colors.PANEL);
        int row = 10;
        if (morgue != null) {
            c = t.text(2, row, ui.endMorgue, Colors.DIM, Colors.PANEL);
            row += t.wrapped(c, row, morgue, cols - 1, Colors.DIM, Colors.PANEL);
        }
        t.text(2, row + 1, ui.endKeys, Colors.TEXT, Colors.PANEL);
    }

    /** The message bar in look mode: what is at the cursor, as far as the player knows. */
    void look(Game g, Layout lay, TextBatch t, int x, int y) {
        int rows = MessageBar.open(lay, t);
        if (rows == 0) {
            return;
        }
        t.text(1, 0, ui.lookTitle, Colors.TITLE, Colors.BG);
        Level l = g.level();
        Texts tx = g.texts();
        Population pop = g.assets().population();
        int f = l.flags(x, y);
        boolean visible = (f & Level.VISIBLE) != 0;
        int row = 1;
        if (x == g.playerX() && y == g.playerY()) {
            t.text(1, row++, ui.lookYou, Colors.TEXT, Colors.BG);
        }
        int e = l.entityAt(x, y);
        if (e >= 0 && l.entity(e, Level.E_KIND) == Population.MONSTER && g.shows(x, y)) {
            int type = l.entity(e, Level.E_TYPE);
            int c = t.text(1, row, ui.lookMonster, Colors.TEXT, Colors.BG);
            c = t.text(c, row, tx.monsterName[type], Colors.BAD, Colors.BG);
            c = t.text(c, row, g.awake(e) ? ui.lookHunting : ui.lookAsleep, Colors.TEXT, Colors.BG);
            c = t.text(c, row, ui.lookHp, Colors.TEXT, Colors.BG);
            c = t.number(c, row, l.entity(e, Level.E_HP), Colors.TEXT, Colors.BG);
            c = t.text(c, row, ui.slash, Colors.TEXT, Colors.BG);
            t.number(c, row++, l.entity(e, Level.E_MAX_HP), Colors.TEXT, Colors.BG);
        }
        if ((f & (Level.VISIBLE | Level.REMEMBERED)) == 0) {
            t.text(1, row, ui.lookUnknown, Colors.DIM, Colors.BG);
            return;
        }
        int terrain = l.terrain(x, y);
        int c = t.text(1, row, Terrain.name(terrain == Terrain.DOOR_SECRET ? Terrain.WALL : terrain), Colors.TEXT, Colors.BG);
        if (!visible) {
            t.text(c, row, ui.lookRemembered, Colors.DIM, Colors.BG);
        }
        row++;
        int item = l.items().at(x, y);
        if (item != 0 && row < rows) {
            c = t.text(1, row, ui.lookItem, Colors.TEXT, Colors.BG);
            t.text(c, row++, tx.itemName[ItemRecord.type(l.items().record(item))], Colors.TITLE, Colors.BG);
        }
        int fx = l.fixtureAt(x, y);
        if (fx >= 0 && l.entity(fx, Level.E_KIND) == Population.FEATURE && (l.entity(fx, Level.E_STATE) & Level.FEATURE_HIDDEN) == 0 && row < rows) {
            c = t.text(1, row, ui.lookFeature, Colors.TEXT, Colors.BG);
            FeatureType ft = pop.feature(l.entity(fx, Level.E_TYPE));
            t.text(c, row, tx.featureName[l.entity(fx, Level.E_TYPE)], ft.kind() == FeatureType.TRAP ? Colors.BAD : Colors.HINT, Colors.BG);
        }
    }
}
