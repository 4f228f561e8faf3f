package dev.burrow.memory;

import java.util.Arrays;

/**
 * The live marks of one frame arena or level group, and the layout of a mark value.
 *
 * <pre>
 *  mark (long)   63 ........ 40   39 .................... 0
 *                owner id         mark serial (per owner, increasing, never reused)
 * </pre>
 *
 * <p>A mark is not a position: it names a row of this table, and the row holds the position (its fields are the
 * owner's: see {@code FrameArena} and {@code LevelGroup}). Rows are appended with increasing serials and dropped
 * from the end by a rollback, so a row is found by a binary search on its serial. A mark of another owner (other
 * id), one whose row is gone (an earlier frame, already rolled past), or a made-up value finds no row and is
 * refused: a rollback can only return to a position the owner really had. Serials have 40 bits, so a stale mark could
 * alias a live row only after 2^40 marks on one owner; ids have 24 bits.</p>
 */
final class MarkTable {
    static final int SERIAL_BITS = 40;
    static final long SERIAL_MASK = (1L << SERIAL_BITS) - 1;
    /** Field 0 of every row: its serial. Owners number their own fields from 1. */
    static final int SERIAL = 0;

    private final long id;
    private final int fields;
    private long[] rows;
    private int count;
    private long serial;

    /** @param ownerId the owner's id (low 24 bits are used) @param fields fields per row, including {@link #SERIAL} */
    MarkTable(int ownerId, int fields) {
        this.id = ownerId & 0xFF_FFFFL;
        this.fields = fields;
        this.rows = new long[fields * 8];
    }

    /** Drops every row (a new frame). */
    void clear() {
        count = 0;
    }

    /** @return the row for a new mark (fill it with {@link #set}); the table grows only past its most rows ever */
    int add() {
        if ((count + 1) * fields > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        int row = count++;
        rows[row * fields + SERIAL] = serial++ & SERIAL_MASK;
        return row;
    }

    void set(int row, int field, long value) {
        rows[row * fields + field] = value;
    }

    long get(int row, int field) {
        return rows[row * fields + field];
    }

    /** @return the mark value naming {@code row} */
    long markOf(int row) {
        return (id << SERIAL_BITS) | rows[row * fields + SERIAL];
    }

    /** @return the row a mark names, or -1 (another owner, a dropped row, made up) */
    int rowOf(long mark) {
        if ((mark >>> SERIAL_BITS) != id) {
            return -1;
        }
        long s = mark & SERIAL_MASK;
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = rows[mid * fields + SERIAL];
            if (at < s) {
                lo = mid + 1;
            } else if (at > s) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Rolling back to {@code row} drops the rows after it; the row itself stays usable. */
    void truncate(int row) {
        count = row + 1;
    }

    /** @return whether the mark carries this owner's id (for a clearer message) */
    boolean isOurs(long mark) {
        return (mark >>> SERIAL_BITS) == id;
    }
}
