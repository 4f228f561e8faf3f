package dev.burrow.dungeon.gen;

/** A (seed, depth) that yielded no valid level within the retry bound. The message names the seed. */
public final class GenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names seed, depth, size and the last problem */
    public GenerationException(String message) {
        super(message, null, false, false);
    }
}
