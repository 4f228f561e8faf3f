package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.render.CellText;
import dev.burrow.memory.FrameArena;

/**
 * The arena's own screen over the map, in map cells (the glyph atlas, not ImGui, so it costs a few hundred cells
 * and shows with the memory overlay hidden): a status bar (health, lives, wave and its kills, score, dash), a key
 * line, the upgrade offer when a wave is cleared, the end screen with the score, and the pause notice.
 * Everything it writes is computed from the arena each frame, with no strings built.
 */
public final class ArenaScreen {
    /** Rows of status at the top; the map is drawn below them. */
    public static final int TOP_ROWS = 2;
    /** Rows of keys at the bottom; the map is drawn above them. */
    public static final int BOTTOM_ROWS = 1;
    private static final int OFFER_ROWS = 11;
    private static final int OVER_ROWS = 8;
    private static final int BAR_BG = CellText.colour(0x10121a);
    private static final int BOX_BG = CellText.colour(0x182038);
    private static final int TEXT = CellText.colour(0xc8c8c8);
    private static final int DIM = CellText.colour(0x8a8a96);
    private static final int BRIGHT = CellText.colour(0xffffff);
    private static final int GOLD = CellText.colour(0xffd050);
    private static final int RED = CellText.colour(0xe04040);
    private static final int GREEN = CellText.colour(0x50d060);
    private static final int EMPTY = CellText.colour(0x303440);
    private static final int BLUE = CellText.colour(0x70a0ff);
    private final CellText cells = new CellText();

    /** A screen writer; loads what the rarer screens use now, not in the frame that first shows them. */
    public ArenaScreen() {
        // Class loading allocates (8 KiB measured): the first offer must not be the frame that loads Upgrade.
        if (Upgrade.name(Upgrade.RAPID_FIRE).isEmpty()) {
            throw new IllegalStateException("upgrade names missing");
        }
    }

    /**
     * @param sim the arena
     * @param cols columns of the view (map area)
     * @param rows rows of the view
     * @param playerRow the screen row the player is drawn on: offers and the end screen keep clear of it
     * @param paused whether play is paused
     * @param pilot whether the autopilot plays
     * @param frame where the cells go (valid until frame end)
     * @return the cells, for {@code TileRenderer.drawScreenCells}
     */
    public CellText build(ArenaSim sim, int cols, int rows, int playerRow, boolean paused, boolean pilot, FrameArena frame) {
        cells.begin(frame, cols * 3 + 14 * 48 + 64);
        status(sim, cols);
        keys(cols, rows, pilot);
        if (sim.state() == ArenaSim.CHOOSING) {
            offer(sim, cols, boxRow(rows, playerRow, OFFER_ROWS));
        } else if (sim.state() == ArenaSim.OVER) {
            over(sim, cols, boxRow(rows, playerRow, OVER_ROWS));
        } else if (paused) {
            int w = 26;
            int c = Math.max(0, (cols - w) / 2);
            int r = boxRow(rows, playerRow, 3);
            cells.fill(c, r, w, 3, ' ', TEXT, BOX_BG);
            cells.text(c + 3, r + 1, "PAUSED   P to resume", BRIGHT, BOX_BG);
        }
        return cells;
    }

    /**
     * @return the top row of a box {@code height} rows high, in the half of the map away from the player and clear
     *     of the player's row with a row to spare; in a window too small for that, over the status rows rather than
     *     over the player, and only as a last resort over the player
     */
    static int boxRow(int rows, int playerRow, int height) {
        int middle = (TOP_ROWS + rows - BOTTOM_ROWS) / 2;
        int above = Math.min(playerRow - 2 - height, (TOP_ROWS + middle - height) / 2 + 1);
        int below = Math.max(playerRow + 2, (middle + rows - BOTTOM_ROWS - height) / 2);
        int first = playerRow >= middle ? above : below;
        int second = playerRow >= middle ? below : above;
        // Candidates in order of preference, tried one by one (no array: this runs every frame of an offer).
        if (fits(rows, playerRow, height, Math.max(TOP_ROWS, first))) {
            return Math.max(TOP_ROWS, first);
        }
        if (fits(rows, playerRow, height, first)) {
            return first;
        }
        if (fits(rows, playerRow, height, Math.max(TOP_ROWS, second))) {
            return Math.max(TOP_ROWS, second);
        }
        if (fits(rows, playerRow, height, second)) {
            return second;
        }
        return Math.max(0, Math.min(rows - height, TOP_ROWS));
    }

    private static boolean fits(int rows, int playerRow, int height, int top) {
        return top >= 0 && top + height <= rows - BOTTOM_ROWS && (playerRow < top - 1 || playerRow > top + height);
    }

    /** Two rows at the top: health, lives and dash; wave, kills, score. Fits 48 columns (800 pixels). */
    private void status(ArenaSim sim, int cols) {
        CellText t = cells;
        t.fill(0, 0, cols, TOP_ROWS, ' ', TEXT, BAR_BG);
        int c = t.text(1, 0, "HP ", DIM, BAR_BG);
        float hp = (float) sim.playerHp() / Math.max(1, sim.playerMaxHp());
        c = t.bar(c, 0, 10, hp, hp < 0.3f ? RED : GREEN, EMPTY, BAR_BG);
        c = t.number(c + 1, 0, sim.playerHp(), TEXT, BAR_BG);
        c = t.text(c, 0, "/", DIM, BAR_BG);
        c = t.number(c, 0, sim.playerMaxHp(), TEXT, BAR_BG);
        c = t.text(c + 2, 0, "Lives ", DIM, BAR_BG);
        for (int i = 0; i < ArenaPlayer.LIVES; i++) {
            t.cell(c++, 0, '@', i < sim.lives() ? RED : EMPTY, BAR_BG);
        }
        c = t.text(c + 2, 0, "Dash ", DIM, BAR_BG);
        t.bar(c, 0, 5, sim.dashCharge(), sim.dashCharge() >= 1f ? BLUE : DIM, EMPTY, BAR_BG);
        c = t.text(1, 1, "Wave ", DIM, BAR_BG);
        c = t.number(c, 1, sim.wave(), GOLD, BAR_BG);
        c = t.text(c + 2, 1, "kills ", DIM, BAR_BG);
        c = t.number(c, 1, sim.waveKills(), TEXT, BAR_BG);
        c = t.text(c, 1, "/", DIM, BAR_BG);
        c = t.number(c, 1, sim.waveQuota(), TEXT, BAR_BG);
        c = t.text(c + 2, 1, "Score ", DIM, BAR_BG);
        c = t.number(c, 1, sim.score(), GOLD, BAR_BG);
        if (sim.bestScore() > 0) {
            c = t.text(c + 2, 1, "best ", DIM, BAR_BG);
            t.number(c, 1, sim.bestScore(), TEXT, BAR_BG);
        }
    }

    private void keys(int cols, int rows, boolean pilot) {
        CellText t = cells;
        int r = rows - BOTTOM_ROWS;
        t.fill(0, r, cols, BOTTOM_ROWS, ' ', TEXT, BAR_BG);
        if (pilot) {
            int c = t.text(1, r, "AUTOPILOT", GOLD, BAR_BG);
            t.text(c + 2, r, "move to take over  F1 memory  Esc quit", DIM, BAR_BG);
        } else {
            t.text(1, r, "WASD move Space dash P pause F1 memory Esc quit", DIM, BAR_BG);
        }
    }

    private void offer(ArenaSim sim, int cols, int r0) {
        CellText t = cells;
        int w = 40;
        int c0 = Math.max(0, (cols - w) / 2);
        t.fill(c0, r0, w, OFFER_ROWS, ' ', TEXT, BOX_BG);
        int c = t.text(c0 + 2, r0 + 1, "Wave ", GOLD, BOX_BG);
        c = t.number(c, r0 + 1, sim.wave(), GOLD, BOX_BG);
        t.text(c, r0 + 1, " cleared! Choose an upgrade:", GOLD, BOX_BG);
        for (int place = 0; place < 3; place++) {
            int u = sim.offer(place);
            int r = r0 + 3 + 2 * place;
            if (u < 0) {
                continue;
            }
            t.cell(c0 + 2, r, '1' + place, GOLD, BOX_BG);
            c = t.text(c0 + 5, r, Upgrade.name(u), BRIGHT, BOX_BG);
            c = t.text(c + 1, r, "lv ", DIM, BOX_BG);
            t.number(c, r, sim.upgradeLevel(u) + 1, DIM, BOX_BG);
            t.text(c0 + 5, r + 1, Upgrade.effect(u), TEXT, BOX_BG);
        }
        t.text(c0 + 2, r0 + 9, "press 1, 2 or 3", DIM, BOX_BG);
    }

    private void over(ArenaSim sim, int cols, int r0) {
        CellText t = cells;
        int w = 40;
        int c0 = Math.max(0, (cols - w) / 2);
        t.fill(c0, r0, w, OVER_ROWS, ' ', TEXT, BOX_BG);
        t.text(c0 + 2, r0 + 1, "YOU FELL", RED, BOX_BG);
        int c = t.text(c0 + 2, r0 + 3, "Score ", DIM, BOX_BG);
        c = t.number(c, r0 + 3, sim.score(), GOLD, BOX_BG);
        c = t.text(c + 2, r0 + 3, "best ", DIM, BOX_BG);
        t.number(c, r0 + 3, sim.bestScore(), TEXT, BOX_BG);
        c = t.text(c0 + 2, r0 + 4, "Wave ", DIM, BOX_BG);
        c = t.number(c, r0 + 4, sim.wave(), TEXT, BOX_BG);
        c = t.text(c + 2, r0 + 4, "kills ", DIM, BOX_BG);
        c = t.number(c, r0 + 4, sim.playerKills(), TEXT, BOX_BG);
        c = t.text(c + 2, r0 + 4, "time ", DIM, BOX_BG);
        int s = (int) sim.runSeconds();
        c = t.number(c, r0 + 4, s / 60, TEXT, BOX_BG);
        t.cell(c++, r0 + 4, ':', TEXT, BOX_BG);
        t.cell(c++, r0 + 4, '0' + (s % 60) / 10, TEXT, BOX_BG);
        t.cell(c, r0 + 4, '0' + s % 10, TEXT, BOX_BG);
        t.text(c0 + 2, r0 + 6, "R / Enter  play again    Esc  quit", BRIGHT, BOX_BG);
    }
}
