package dev.burrow.dungeon.render;

/** No window could be opened: no display (or no OpenGL 3.3). The message says what to do instead. */
public final class NoDisplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line */
    public NoDisplayException(String message) {
        super(message, null, false, false);
    }
}
