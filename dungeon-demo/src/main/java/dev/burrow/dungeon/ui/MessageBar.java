package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.game.Game;
import dev.burrow.dungeon.game.MessageLog;

/**
 * The message bar under the map: the latest messages, newest at the bottom, those of the last turn bright and the
 * older ones grey; a message said again in a row shows once with its count ("The way is blocked. x4"). In look mode
 * it describes the cell under the cursor instead.
 */
final class MessageBar {
    private final UiTexts ui;

    MessageBar(UiTexts ui) {
        this.ui = ui;
    }

    /**
     * Points the batch at the bar under the map and clears it: what the messages, the quit question and the look
     * description each draw on.
     *
     * @return the bar's rows, 0 when the window leaves it no room (then draw nothing)
     */
    static int open(Layout lay, TextBatch t) {
        int cols = lay.messageCols();
        int rows = lay.messageRows();
        if (cols <= 0 || rows <= 0) {
            return 0;
        }
        t.origin(lay.mapX(), lay.messageY(), cols, rows);
        t.fill(0, 0, cols, rows, Colors.BG);
        return rows;
    }

    void draw(Game g, Layout lay, TextBatch t) {
        int rows = open(lay, t);
        MessageLog log = g.log();
        for (int back = 0; back < rows; back++) {
            if (!log.has(back)) {
                break;
            }
            int row = rows - 1 - back;
            int fg = log.recentTurn(back) >= g.turn() - 1 ? Colors.NEW : Colors.OLD;
            line(t, log, back, 1, row, fg);
        }
    }

    /** Shows one question on the bar's last row instead of the messages (the quit prompt). */
    void ask(Layout lay, TextBatch t, String question) {
        int rows = open(lay, t);
        if (rows > 0) {
            t.text(1, rows - 1, question, Colors.WARN, Colors.BG);
        }
    }

    static int line(TextBatch t, MessageLog log, int back, int col, int row, int fg) {
        int c = t.text(col, row, log.recent(back), fg, Colors.BG);
        int kind = log.recentArgKind(back);
        if (kind == MessageLog.NUMBER) {
            c = t.number(c, row, log.recentArg(back), fg, Colors.BG);
        } else if (kind == MessageLog.LETTER) {
            t.put(c++, row, 'a' + log.recentArg(back), Colors.TITLE, Colors.BG);
        }
        c = t.text(c, row, log.recentTail(back), fg, Colors.BG);
        if (log.recentRepeats(back) > 1) {
            t.put(c++, row, ' ', fg, Colors.BG);
            t.put(c++, row, 'x', Colors.WARN, Colors.BG);
            c = t.number(c, row, log.recentRepeats(back), Colors.WARN, Colors.BG);
        }
        return c;
    }
}
