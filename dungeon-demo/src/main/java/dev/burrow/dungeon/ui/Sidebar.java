package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.game.Pack;
import dev.burrow.dungeon.game.Player;
import dev.burrow.dungeon.game.Texts;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.MonsterType;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.render.Palette;

/**
 * The fixed sidebar: depth and theme, health, experience, gold and score, the player's numbers and conditions, the
 * pack in short, the monsters in view with their health, the secret-door hint, what is under way, and the keys.
 */
final class Sidebar {
    private final UiTexts ui;

    Sidebar(UiTexts ui) {
        this.ui = ui;
    }

    void draw(Game g, Layout lay, TextBatch t) {
        int cols = lay.sidebarCols();
        int rows = lay.sidebarRows();
        if (cols <= 0) {
            return;
        }
        t.origin(0, 0, cols, rows);
        t.fill(0, 0, cols, rows, Colors.PANEL);
        Player p = g.player();
        Texts tx = g.texts();
        int row = 0;
        int c = t.text(1, row, ui.depth, Colors.TITLE, Colors.PANEL);
        c = t.number(c, row, g.depth(), Colors.TITLE, Colors.PANEL);
        c = t.text(c, row, ui.space, Colors.TITLE, Colors.PANEL);
        t.text(c + 1, row, g.assets().theme(g.level().theme()).name(), Colors.DIM, Colors.PANEL);
        row++;
        c = t.text(1, row, ui.turn, Colors.DIM, Colors.PANEL);
        t.number(c, row, g.turn(), Colors.DIM, Colors.PANEL);
        row += 2;
        int hpColour = p.hp() * 3 < p.maxHp() ? Colors.BAD : p.hp() * 3 < p.maxHp() * 2 ? Colors.WARN : Colors.GOOD;
        c = t.text(1, row, ui.hp, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, p.hp(), hpColour, Colors.PANEL);
        c = t.text(c, row, ui.slash, Colors.TEXT, Colors.PANEL);
        t.number(c, row, p.maxHp(), Colors.TEXT, Colors.PANEL);
        row++;
        t.bar(1, row++, Math.min(cols - 2, 24), p.hp(), p.maxHp(), hpColour, Colors.BAR_OFF);
        c = t.text(1, row, ui.level, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, p.level(), Colors.XP, Colors.PANEL);
        c = t.text(c, row, ui.xp, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, p.xp(), Colors.XP, Colors.PANEL);
        c = t.text(c, row, ui.slash, Colors.DIM, Colors.PANEL);
        t.number(c, row, p.xpNext(), Colors.DIM, Colors.PANEL);
        row++;
        c = t.text(1, row, ui.gold, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, p.gold(), Palette.rgba(0xffd700), Colors.PANEL);
        c = t.text(c, row, ui.score, Colors.TEXT, Colors.PANEL);
        t.number(c, row, g.score(), Colors.TEXT, Colors.PANEL);
        row++;
        c = t.text(1, row, ui.attack, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, g.accuracy(), Colors.TEXT, Colors.PANEL);
        c = t.text(c, row, ui.percent, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, g.damageMin(), Colors.TEXT, Colors.PANEL);
        c = t.text(c, row, ui.dash, Colors.TEXT, Colors.PANEL);
        c = t.number(c, row, g.damageMax(), Colors.TEXT, Colors.PANEL);
        t.text(c, row, ui.damage, Colors.TEXT, Colors.PANEL);
        row++;
        c = t.text(1, row, ui.defence, Colors.TEXT, Colors.PANEL);
        t.number(c, row, g.defence(), Colors.TEXT, Colors.PANEL);
        row++;
        row = condition(t, row, ui.hasted, p.hasteTurns());
        row = condition(t, row, ui.telepathic, p.telepathyTurns());
        row = condition(t, row, ui.levitating, p.levitationTurns());
        row++;
        int keysRow = rows - 4;
        row = pack(g, t, tx, row, cols, Math.max(row + 2, keysRow - 8));
        row++;
        row = monsters(g, t, tx, row, cols, keysRow - 2);
        if (g.hint() && row < keysRow - 1) {
            t.text(1, keysRow - 2, ui.hintLine, Colors.HINT, Colors.PANEL);
        }
        String doing = activity(g.activity());
        if (doing != null) {
            t.text(1, keysRow - 1, doing, Colors.WARN, Colors.PANEL);
        }
        t.text(1, keysRow + 1, ui.keys1, Colors.DIM, Colors.PANEL);
        t.text(1, keysRow + 2, ui.keys2, Colors.DIM, Colors.PANEL);
        t.text(1, keysRow + 3, ui.keys3, Colors.DIM, Colors.PANEL);
    }

    private String activity(int a) {
        switch (a) {
            case 1: return ui.exploring;
            case 2: case 3: return ui.travelling;
            case 4: return ui.resting;
            case 5: return ui.searching;
            default: return null;
        }
    }

    private int condition(TextBatch t, int row, String name, int turns) {
        if (turns <= 0) {
            return row;
        }
        int c = t.text(1, row, name, Colors.HINT, Colors.PANEL);
        t.number(c, row, turns, Colors.HINT, Colors.PANEL);
        return row + 1;
    }

    /** The pack, one line per letter, until {@code last}. */
    private int pack(Game g, TextBatch t, Texts tx, int row, int cols, int last) {
        Pack pack = g.pack();
        int c = t.text(1, row, ui.pack, Colors.TITLE, Colors.PANEL);
        c = t.number(c, row, pack.count(), Colors.TITLE, Colors.PANEL);
        c = t.text(c, row, ui.slash, Colors.TITLE, Colors.PANEL);
        c = t.number(c, row, Pack.SLOTS, Colors.TITLE, Colors.PANEL);
        t.text(c, row, ui.packKey, Colors.DIM, Colors.PANEL);
        row++;
        for (int i = 0; i < Pack.SLOTS; i++) {
            if (!pack.has(i)) {
                continue;
            }
            if (row >= last) {
                t.text(1, row++, ui.more, Colors.DIM, Colors.PANEL);
                break;
            }
            itemLine(g, t, tx, ui, 1, row++, i, pack.equipped(i) ? Colors.TEXT : Colors.DIM, Colors.PANEL);
        }
        return row;
    }

    /** "c) 2 potions of healing", "a) dagger +1 (wielded)", "d) wand of slowness [3]". @return the column after */
    static int itemLine(Game g, TextBatch t, Texts tx, UiTexts ui, int col, int row, int slot, int fg, int bg) {
        Pack pack = g.pack();
        int type = pack.type(slot);
        ItemType it = g.assets().population().item(type);
        int c = col;
        t.put(c++, row, 'a' + slot, Colors.TITLE, bg);
        c = t.text(c, row, ui.letterSep, fg, bg);
        t.put(c++, row, it.glyph(), Palette.rgba(it.rgb()), bg);
        c = t.text(c, row, ui.space, fg, bg);
        if (it.stacks() && pack.amount(slot) > 1) {
            c = t.number(c, row, pack.amount(slot), fg, bg);
            c = t.text(c, row, ui.space, fg, bg);
            c = t.text(c, row, tx.itemPlural[type], fg, bg);
        } else {
            c = t.text(c, row, tx.itemName[type], fg, bg);
        }
        if (pack.bonus(slot) != 0) {
            c = t.text(c, row, ui.plus, fg, bg);
            c = t.number(c, row, pack.bonus(slot), fg, bg);
        }
        if (it.cls() == ItemType.WAND) {
            c = t.text(c, row, ui.open, fg, bg);
            c = t.number(c, row, pack.amount(slot), fg, bg);
            c = t.text(c, row, ui.close, fg, bg);
        }
        if (pack.equipped(slot)) {
            c = t.text(c, row, it.cls() == ItemType.WEAPON ? ui.wielded : ui.worn, Colors.GOOD, bg);
        }
        return c;
    }

    /** The monsters the player sees (or senses), with a health bar each. */
    private int monsters(Game g, TextBatch t, Texts tx, int row, int cols, int last) {
        t.text(1, row++, ui.inView, Colors.TITLE, Colors.PANEL);
        Level l = g.level();
        int shown = 0;
        for (int i = 0; i < l.entityCount() && row < last; i++) {
            if (l.entity(i, Level.E_KIND) != Population.MONSTER || !g.shows(l.entity(i, Level.E_X), l.entity(i, Level.E_Y))) {
                continue;
            }
            int type = l.entity(i, Level.E_TYPE);
            MonsterType m = g.assets().population().monster(type);
            t.put(1, row, m.glyph(), Palette.rgba(m.rgb()), Colors.PANEL);
            t.text(3, row, tx.monsterName[type], Colors.TEXT, Colors.PANEL);
            int barCol = Math.max(17, Math.min(cols - 9, 3 + tx.monsterName[type].length() + 1));
            if (!g.awake(i)) {
                t.text(barCol, row, ui.asleep, Colors.DIM, Colors.PANEL);
            } else {
                t.bar(barCol, row, Math.min(8, cols - barCol - 1), l.entity(i, Level.E_HP), l.entity(i, Level.E_MAX_HP), Colors.BAD, Colors.BAR_OFF);
            }
            row++;
            shown++;
        }
        if (shown == 0) {
            t.text(1, row++, ui.nothingInView, Colors.DIM, Colors.PANEL);
        }
        return row;
    }
}
