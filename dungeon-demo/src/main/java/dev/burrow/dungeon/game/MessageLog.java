package dev.burrow.dungeon.game;

/**
 * The last {@link #CAPACITY} messages as references to strings built once at start-up (one per message kind and
 * monster or item type), so a turn that logs "You hit the rat." allocates nothing.
 */
public final class MessageLog {
    public static final int CAPACITY = 64;
    private final String[] ring = new String[CAPACITY];
    private final int[] turn = new int[CAPACITY];
    private long count;

    /** @param message a prebuilt string @param atTurn the turn it happened on */
    public void add(String message, int atTurn) {
        int i = (int) (count++ % CAPACITY);
        ring[i] = message;
        turn[i] = atTurn;
    }

    /** @return messages logged so far (all time) */
    public long count() {
        return count;
    }

    /** @param back 0 is the newest @return that message, or null */
    public String recent(int back) {
        if (back >= CAPACITY || back >= count) {
            return null;
        }
        return ring[(int) ((count - 1 - back) % CAPACITY)];
    }

    /** @param back 0 is the newest @return the turn of that message */
    public int recentTurn(int back) {
        return turn[(int) ((count - 1 - back) % CAPACITY)];
    }

    /** Forgets everything (new game). */
    public void clear() {
        count = 0;
    }
}
