package dev.burrow.dungeon.game;

/** What the player asks for in one turn. Plain int codes, so input queues need no objects. */
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
    public static final int DESCEND = 10;
    public static final int REGENERATE = 11;
    public static final int RESTART = 12;
    /** Autopilot: one step along the shortest walk to the down stairs (bumping whatever is in the way). */
    public static final int TOWARD_STAIRS = 13;
    /** Autopilot: one step toward the nearest visible monster. */
    public static final int FIGHT = 14;
    public static final int QUIT = 15;

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

    /**
     * Parses a script such as {@code "l l j > Gx120 R"}: vi-keys {@code hjklyubn}, WASD {@code wasd} (where {@code a}
     * and {@code d} are west/east), {@code .} wait, {@code >} descend, {@code R} regenerate, {@code G} a step toward
     * the stairs, {@code F} a step toward a monster, {@code Q} quit; {@code xN} repeats a token.
     *
     * @param script the script
     * @return the actions in order
     * @throws IllegalArgumentException naming the bad token
     */
    public static int[] parseScript(String script) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (String tok : script.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            int times = 1;
            String t = tok;
            int x = tok.indexOf('x', 1);
            if (x > 0) {
                try {
                    times = Integer.parseInt(tok.substring(x + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--script: bad repeat in '" + tok + "' (use e.g. Gx20)");
                }
                if (times < 1 || times > 1_000_000) {
                    throw new IllegalArgumentException("--script: repeat must be 1..1000000 in '" + tok + "'");
                }
                t = tok.substring(0, x);
            }
            if (t.length() != 1) {
                throw new IllegalArgumentException("--script: unknown token '" + tok + "' (hjklyubn wasd . > R G F Q, xN repeats)");
            }
            int a = fromChar(t.charAt(0));
            if (a == NONE) {
                throw new IllegalArgumentException("--script: unknown token '" + tok + "' (hjklyubn wasd . > R G F Q, xN repeats)");
            }
            for (int i = 0; i < times; i++) {
                out.add(a);
            }
        }
        int[] r = new int[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    /** @return the action for a script character, or NONE */
    public static int fromChar(char c) {
        switch (c) {
            case 'k': case 'w': return MOVE_N;
            case 'j': case 's': return MOVE_S;
            case 'h': case 'a': return MOVE_W;
            case 'l': case 'd': return MOVE_E;
            case 'y': return MOVE_NW;
            case 'u': return MOVE_NE;
            case 'b': return MOVE_SW;
            case 'n': return MOVE_SE;
            case '.': return WAIT;
            case '>': return DESCEND;
            case 'R': return REGENERATE;
            case 'G': return TOWARD_STAIRS;
            case 'F': return FIGHT;
            case 'Q': return QUIT;
            default: return NONE;
        }
    }
}
