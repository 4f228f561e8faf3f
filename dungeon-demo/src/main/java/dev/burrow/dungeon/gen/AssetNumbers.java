package dev.burrow.dungeon.gen;

/**
 * Numbers in asset files: ASCII only. {@code Integer.parseInt} takes any Unicode digit (full-width {@code "１０"},
 * Arabic-Indic {@code "٣"}), so a look-alike value would load as a number; the loaders' {@code file:line} error
 * names it instead.
 */
final class AssetNumbers {
    private AssetNumbers() {
    }

    /**
     * @param text the value, already trimmed as the file's format wants it
     * @param radix 10 or 16
     * @return the number
     * @throws NumberFormatException when {@code text} is not a number in ASCII, as {@code Integer.parseInt} throws
     */
    static int parse(String text, int radix) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                throw new NumberFormatException("not ASCII: " + text);
            }
        }
        return Integer.parseInt(text, radix);
    }
}
