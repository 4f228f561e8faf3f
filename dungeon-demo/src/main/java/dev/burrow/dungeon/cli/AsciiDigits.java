package dev.burrow.dungeon.cli;

/**
 * Numbers as a command line spells them: ASCII digits only. {@code Long.parseLong} and {@code Integer.parseInt} take
 * any Unicode digit (full-width {@code "１００"}, Arabic-Indic {@code "٣"}), which would let a look-alike value pass
 * as a number; a flag's value is checked here first, and parsed after.
 */
public final class AsciiDigits {
    private AsciiDigits() {
    }

    /** @param c a character @return whether it is one of 0-9 */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @param text a value @return whether it is an optional {@code +} or {@code -} and then one or more of 0-9 */
    public static boolean isDecimal(String text) {
        int from = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        if (from == text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @param text a value @return whether it is one or more of 0-9, a-f and A-F */
    public static boolean isHex(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f') && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }
}
