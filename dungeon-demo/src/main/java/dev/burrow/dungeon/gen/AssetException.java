package dev.burrow.dungeon.gen;

/** A malformed asset file: the message is {@code file:line: what is wrong}. */
public final class AssetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param file as the user would name it @param line 1-based, 0 for the whole file @param what the problem */
    public AssetException(String file, int line, String what) {
        super(dev.burrow.dungeon.cli.OneLine.of(file) + (line > 0 ? ":" + line : "") + ": " + dev.burrow.dungeon.cli.OneLine.of(what),
            null, false, false);
    }
}
