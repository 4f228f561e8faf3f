package dev.burrow.dungeon.cli;

/** User text quoted in an error message, kept on one line. */
public final class OneLine {
    private OneLine() {
    }

    /**
     * @param text what the user typed (an argument, a path)
     * @return the text with control characters (a newline or carriage return inside a quoted argument) written as
     *         {@code \\uXXXX}, so the error stays one line
     */
    public static String of(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }
}
