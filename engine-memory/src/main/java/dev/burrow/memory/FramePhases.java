package dev.burrow.memory;

import java.util.Arrays;

/**
 * One arena's frame phases: names interned at first use, per phase the bytes, allocations and high water of the
 * current frame, the last completed frame and the peak. Phases nest; a phase entered several times in one frame
 * accumulates.
 *
 * <h2>Layout</h2>
 * <p>Per phase id, one row of {@link #FIELDS} longs in {@code stats}: the current frame's figures, the last frame's
 * and the peaks. The open phases are a stack of ids with, per entry, what the arena stood at when the phase began
 * ({@link #OPEN_FIELDS} longs). Nothing here allocates after a phase name's first use.</p>
 *
 * <p>Cost: a phase costs its {@code beginPhase}/{@code endPhase} (a name lookup by identity, a few stores); an
 * allocation costs nothing more whether phases are used or not (the arena counts its allocations anyway).</p>
 */
final class FramePhases {
    // A phase's row: this frame so far, the last completed frame, and the peaks over all frames.
    static final int CUR_BYTES = 0;
    static final int CUR_ALLOCS = 1;
    static final int CUR_HIGH = 2;
    static final int CUR_ENTERED = 3;
    static final int LAST_BYTES = 4;
    static final int LAST_ALLOCS = 5;
    static final int LAST_HIGH = 6;
    static final int PEAK_BYTES = 7;
    static final int PEAK_ALLOCS = 8;
    static final int PEAK_HIGH = 9;
    static final int FIELDS = 10;

    // An open phase: the id and where the arena stood when it began.
    private static final int OPEN_ID = 0;
    private static final int OPEN_USED = 1;
    private static final int OPEN_ALLOCS = 2;
    private static final int OPEN_HIGH_SAVED = 3;
    private static final int OPEN_FIELDS = 4;

    /** The most phases one arena can name. */
    static final int MAX_PHASES = 256;
    /** The deepest nesting. */
    static final int MAX_DEPTH = 32;

    private String[] names = new String[8];
    private long[] stats = new long[8 * FIELDS];
    private int count;
    private final long[] open = new long[MAX_DEPTH * OPEN_FIELDS];
    private int depth;
    private final boolean[] usedThisFrame = new boolean[MAX_PHASES];

    /** @return the phase's id, interning the name at first use; -1 when {@link #MAX_PHASES} names are taken */
    int idOf(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i] == name) { // the common case: the same literal every frame
                return i;
            }
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        if (count == MAX_PHASES) {
            return -1;
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            stats = Arrays.copyOf(stats, count * 2 * FIELDS);
        }
        names[count] = name;
        return count++;
    }

    int depth() {
        return depth;
    }

    /**
     * Opens phase {@code id}.
     *
     * @param used the arena's bytes used now
     * @param allocs the arena's allocation count now
     * @param high the arena's high-water cursor offset so far this frame (saved, restored at the end)
     */
    void begin(int id, long used, long allocs, long high) {
        int at = depth++ * OPEN_FIELDS;
        open[at + OPEN_ID] = id;
        open[at + OPEN_USED] = used;
        open[at + OPEN_ALLOCS] = allocs;
        open[at + OPEN_HIGH_SAVED] = high;
        usedThisFrame[id] = true;
    }

    /** @return the high-water offset saved when the innermost phase began */
    long savedHigh() {
        return open[(depth - 1) * OPEN_FIELDS + OPEN_HIGH_SAVED];
    }

    /**
     * Closes the innermost phase.
     *
     * @param used the arena's bytes used now
     * @param allocs the arena's allocation count now
     * @param phaseHigh the highest bytes used while the phase was open
     */
    void end(long used, long allocs, long phaseHigh) {
        int at = --depth * OPEN_FIELDS;
        int id = (int) open[at + OPEN_ID];
        int row = id * FIELDS;
        stats[row + CUR_BYTES] += Math.max(0, used - open[at + OPEN_USED]);
        stats[row + CUR_ALLOCS] += allocs - open[at + OPEN_ALLOCS];
        stats[row + CUR_HIGH] = Math.max(stats[row + CUR_HIGH], phaseHigh);
        stats[row + CUR_ENTERED]++;
    }

    /** Frame end: the current figures become the last frame's, peaks are updated, the current ones restart. */
    void endFrame() {
        for (int id = 0; id < count; id++) {
            int row = id * FIELDS;
            if (!usedThisFrame[id]) {
                stats[row + LAST_BYTES] = 0;
                stats[row + LAST_ALLOCS] = 0;
                stats[row + LAST_HIGH] = 0;
                continue;
            }
            usedThisFrame[id] = false;
            stats[row + LAST_BYTES] = stats[row + CUR_BYTES];
            stats[row + LAST_ALLOCS] = stats[row + CUR_ALLOCS];
            stats[row + LAST_HIGH] = stats[row + CUR_HIGH];
            stats[row + PEAK_BYTES] = Math.max(stats[row + PEAK_BYTES], stats[row + CUR_BYTES]);
            stats[row + PEAK_ALLOCS] = Math.max(stats[row + PEAK_ALLOCS], stats[row + CUR_ALLOCS]);
            stats[row + PEAK_HIGH] = Math.max(stats[row + PEAK_HIGH], stats[row + CUR_HIGH]);
            stats[row + CUR_BYTES] = 0;
            stats[row + CUR_ALLOCS] = 0;
            stats[row + CUR_HIGH] = 0;
            stats[row + CUR_ENTERED] = 0;
        }
    }

    /** @return the id of the innermost open phase */
    int innermost() {
        return (int) open[(depth - 1) * OPEN_FIELDS + OPEN_ID];
    }

    int count() {
        return count;
    }

    String name(int id) {
        return names[id];
    }

    long stat(int id, int field) {
        return stats[id * FIELDS + field];
    }

    boolean usedThisFrame(int id) {
        return usedThisFrame[id];
    }
}
