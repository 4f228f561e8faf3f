package dev.burrow.dungeon.game;

/**
 * The last {@link #CAPACITY} messages. A message is up to three parts: a prebuilt string, an optional number or
 * pack letter, an optional second prebuilt string ("You find " 23 " gold."), so a turn that logs allocates
 * nothing. The same message again right after itself is not added twice: its count goes up, and the message bar
 * shows "The way is blocked. x4".
 */
public final class MessageLog {
    public static final int CAPACITY = 64;
    /** Argument kind: none. */
    public static final int NONE = 0;
    /** Argument kind: a number between the two parts. */
    public static final int NUMBER = 1;
    /** Argument kind: a pack letter ('a' + the value). */
    public static final int LETTER = 2;

    private final String[] head = new String[CAPACITY];
    private final String[] tail = new String[CAPACITY];
    private final int[] arg = new int[CAPACITY];
    private final int[] argKind = new int[CAPACITY];
    private final int[] turn = new int[CAPACITY];
    private final int[] repeats = new int[CAPACITY];
    private long count;

    /** @param message a prebuilt string @param atTurn the turn it happened on */
    public void add(String message, int atTurn) {
        add(message, NONE, 0, null, atTurn);
    }

    /** A message with a number in it: {@code head + n + tail}. */
    public void add(String head, int n, String tail, int atTurn) {
        add(head, NUMBER, n, tail, atTurn);
    }

    /** A message with a pack letter in it: {@code head + ('a' + slot) + tail}. */
    public void addLetter(String head, int slot, String tail, int atTurn) {
        add(head, LETTER, slot, tail, atTurn);
    }

    private void add(String h, int kind, int value, String t, int atTurn) {
        if (count > 0) {
            int last = (int) ((count - 1) % CAPACITY);
            if (head[last] == h && tail[last] == t && argKind[last] == kind && arg[last] == value) {
                repeats[last]++;
                turn[last] = atTurn;
                return;
            }
        }
        int i = (int) (count++ % CAPACITY);
        head[i] = h;
        tail[i] = t;
        arg[i] = value;
        argKind[i] = kind;
        turn[i] = atTurn;
        repeats[i] = 1;
    }

    /** @return messages logged so far (all time; a repeat does not count) */
    public long count() {
        return count;
    }

    private int index(int back) {
        return (int) ((count - 1 - back) % CAPACITY);
    }

    /** @return whether message {@code back} (0 is the newest) exists */
    public boolean has(int back) {
        return back >= 0 && back < CAPACITY && back < count;
    }

    /** @param back 0 is the newest @return its first part, or null */
    public String recent(int back) {
        return has(back) ? head[index(back)] : null;
    }

    /** @return its second part, or null */
    public String recentTail(int back) {
        return tail[index(back)];
    }

    /** @return its argument kind: {@link #NONE}, {@link #NUMBER} or {@link #LETTER} */
    public int recentArgKind(int back) {
        return argKind[index(back)];
    }

    /** @return its argument */
    public int recentArg(int back) {
        return arg[index(back)];
    }

    /** @return how many times in a row it was said */
    public int recentRepeats(int back) {
        return repeats[index(back)];
    }

    /** @param back 0 is the newest @return the turn of that message (its last repeat) */
    public int recentTurn(int back) {
        return turn[index(back)];
    }

    /**
     * Appends message {@code back} as text (for the morgue file; allocates, never per frame).
     *
     * @param b where to append
     * @param back 0 is the newest
     */
    public void appendTo(StringBuilder b, int back) {
        b.append(recent(back));
        int k = recentArgKind(back);
        if (k == NUMBER) {
            b.append(recentArg(back));
        } else if (k == LETTER) {
            b.append((char) ('a' + recentArg(back)));
        }
        if (recentTail(back) != null) {
            b.append(recentTail(back));
        }
        if (recentRepeats(back) > 1) {
            b.append(" x").append(recentRepeats(back));
        }
    }

    /** Forgets everything (new game). */
    public void clear() {
        count = 0;
    }
}
