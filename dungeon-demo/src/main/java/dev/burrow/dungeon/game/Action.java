package dev.burrow.dungeon.game;

/**
 * What the player asks for. Plain int codes (with an int argument for the pack letter), so input needs no objects.
 * Keys become actions in {@code dev.burrow.dungeon.Controller}.
 */
public final class Action {
    public static final int NONE = 0;
    public static final int MOVE_N = 1;
    public static final int MOVE_S = 2;
    public static final int MOVE_W = 3;
    public static final int MOVE_E = 4;
    public static final int MOVE_NW = 5;
    public static final int MOVE_NE = 6;
    public static final int MOVE_SW = 7;
    public static final int MOVE_SE = 8;
    public static final int WAIT = 9;
    /** Down the stairs when on them, else travel to them (exploring until they are found). */
    public static final int DESCEND = 10;
    /** Makes the current depth again from a new seed (a memory demonstration: one group closes, one opens). */
    public static final int REGENERATE = 11;
    /** A new game, once the last one ended. */
    public static final int RESTART = 12;
    /** Autopilot: one step along the shortest walk to the down stairs (bumping whatever is in the way). */
    public static final int TOWARD_STAIRS = 13;
    /** Autopilot: one step toward the nearest visible monster (else toward the stairs). */
    public static final int FIGHT = 14;
    public static final int QUIT = 15;
    /** Up the stairs when on them, else travel to them. */
    public static final int ASCEND = 16;
    /** Picks up what lies here, or uses the fountain, altar or lever here. */
    public static final int PICKUP = 17;
    /** Uses the item at a pack letter: drink, read, zap, wield, wear, take off. */
    public static final int USE = 18;
    /** Drops the item at a pack letter. */
    public static final int DROP = 19;
    /** Walks to what is not explored yet, picking up items on the way, until something comes into view. */
    public static final int EXPLORE = 20;
    /** Waits until healed or something comes into view. */
    public static final int REST = 21;
    /** Searches the walls nearby for five turns. */
    public static final int SEARCH = 22;

    private static final int[] DX = {0, 0, 0, -1, 1, -1, 1, -1, 1};
    private static final int[] DY = {0, -1, 1, 0, 0, -1, -1, 1, 1};

    private Action() {
    }

    /** @return whether the action is one of the eight moves */
    public static boolean isMove(int a) {
        return a >= MOVE_N && a <= MOVE_SE;
    }

    /** @return the column step of a move */
    public static int dx(int a) {
        return DX[a];
    }

    /** @return the row step of a move */
    public static int dy(int a) {
        return DY[a];
    }

    /** @return the move for a step (dx, dy in -1..1), or NONE */
    public static int move(int dx, int dy) {
        for (int a = MOVE_N; a <= MOVE_SE; a++) {
            if (DX[a] == dx && DY[a] == dy) {
                return a;
            }
        }
        return NONE;
    }
}
