package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.cli.AsciiDigits;

import java.util.ArrayList;
import java.util.List;

/**
 * Key codes the game understands: a printable key is its character (shift applied: 'R', '>', '<'); the others are
 * the constants below. The window's keys and a script's tokens become the same codes, so a scripted run presses
 * exactly the keys a player would.
 */
public final class Keys {
    public static final int TAB = 9;
    public static final int ENTER = 13;
    public static final int ESC = 27;
    public static final int UP = 0x100;
    public static final int DOWN = 0x101;
    public static final int LEFT = 0x102;
    public static final int RIGHT = 0x103;
    /** Numpad 1..9 are {@code KP + 1} .. {@code KP + 9}. */
    public static final int KP = 0x110;
    public static final int F1 = 0x120;

    private static final String[] NAMES = {"Enter", "Esc", "Tab", "Space", "Up", "Down", "Left", "Right", "F1"};
    private static final int[] CODES = {ENTER, ESC, TAB, ' ', UP, DOWN, LEFT, RIGHT, F1};
    static final String TOKENS = "a key as typed (g i u d > < x z f ; R G F Q ...), Enter, Esc, Tab, Space, Up, Down, Left, Right, F1; xN repeats";

    private Keys() {
    }

    /**
     * Parses a script such as {@code "x x g i c u Gx120 > Enter"}: each token is one key press (case matters: 'R'
     * is shift-r), or a key name; {@code xN} after a token repeats it.
     *
     * @param script the script
     * @return the key codes in order
     * @throws IllegalArgumentException naming the bad token
     */
    public static int[] parseScript(String script) {
        List<Integer> out = new ArrayList<>();
        for (String tok : script.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            int times = 1;
            String t = tok;
            int x = tok.lastIndexOf('x');
            if (x > 0 && x < tok.length() - 1 && AsciiDigits.isDigit(tok.charAt(x + 1))) {
                try {
                    String n = tok.substring(x + 1);
                    if (!AsciiDigits.isDecimal(n)) {
                        throw new NumberFormatException(); // parseInt takes any Unicode digit
                    }
                    times = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--script: bad repeat in '" + tok + "' (use e.g. Gx20)");
                }
                if (times < 1 || times > 1_000_000) {
                    throw new IllegalArgumentException("--script: repeat must be 1..1000000 in '" + tok + "'");
                }
                t = tok.substring(0, x);
            }
            int code = code(t);
            if (code < 0) {
                throw new IllegalArgumentException("--script: unknown token '" + tok + "' (" + TOKENS + ")");
            }
            for (int i = 0; i < times; i++) {
                out.add(code);
            }
        }
        int[] r = new int[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private static int code(String t) {
        if (t.length() == 1) {
            char c = t.charAt(0);
            return c > ' ' && c < 127 ? c : -1;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(t)) {
                return CODES[i];
            }
        }
        return -1;
    }
}
