package dev.burrow.memory;

import java.util.Locale;

/**
 * What changed between two {@link MemorySnapshot}s: per tag, pool and level group (and the native total), what
 * grew, shrank, appeared or went. Typical use: a snapshot saved earlier ({@link MemorySnapshot#fromJson}) against
 * one taken now.
 *
 * <p>Entries are matched by kind and name; when several share a name (two pools called "bullets"), the k-th of
 * that name before is matched with the k-th after. What an entry measures:</p>
 * <table>
 *   <caption>Figures compared per kind</caption>
 *   <tr><th>kind</th><th>bytes</th><th>count</th></tr>
 *   <tr><td>{@link Kind#NATIVE}</td><td>native bytes held by the engine</td><td>native blocks</td></tr>
 *   <tr><td>{@link Kind#TAG}</td><td>live bytes under the tag</td><td>live allocations (allocs - frees)</td></tr>
 *   <tr><td>{@link Kind#POOL}</td><td>native bytes of its slabs</td><td>live slots</td></tr>
 *   <tr><td>{@link Kind#GROUP}</td><td>native bytes of its chunks</td><td>allocations made in it</td></tr>
 * </table>
 * <p>An entry {@linkplain Change#GREW grew} when its bytes rose (or, bytes equal, its count did).</p>
 *
 * <p>{@link #compute} refills this object in place and allocates nothing once its arrays have room for as many
 * entries as it has seen, so an overlay can compare a loaded snapshot with the live one every frame. Read the
 * entries through the getters, in {@link #size()} order: by kind (native, tags, pools, groups), changes before
 * unchanged entries, larger byte changes first.</p>
 */
public final class SnapshotDiff {
    /** What an entry describes. */
    public enum Kind {
        /** The engine's whole native heap. */
        NATIVE,
        /** A tag (pools and groups are tagged by name). */
        TAG,
        /** A pool. */
        POOL,
        /** A level group. */
        GROUP
    }

    /** How an entry changed from before to after. */
    public enum Change {
        /** Only in the later snapshot. */
        APPEARED,
        /** Only in the earlier snapshot. */
        WENT,
        /** More bytes (or, bytes equal, a higher count) now. */
        GREW,
        /** Fewer bytes (or, bytes equal, a lower count) now. */
        SHRANK,
        /** Same bytes and count. */
        SAME
    }

    private static final Change[] CHANGES = Change.values();

    private int size;
    private Kind[] kind = new Kind[16];
    private String[] name = new String[16];
    private long[] before = new long[16];
    private long[] after = new long[16];
    private long[] beforeCount = new long[16];
    private long[] afterCount = new long[16];
    private Change[] change = new Change[16];
    private int[] order = new int[16];
    private final int[] changes = new int[CHANGES.length];

    /** An empty diff, to {@link #compute} into. */
    public SnapshotDiff() {
    }

    /**
     * @param before the earlier snapshot
     * @param after the later snapshot
     * @return a new diff of the two
     */
    public static SnapshotDiff between(MemorySnapshot before, MemorySnapshot after) {
        return new SnapshotDiff().compute(before, after);
    }

    /**
     * Refills this diff with what changed from {@code before} to {@code after}. Allocates only when there are more
     * entries than ever before.
     *
     * @param before the earlier snapshot
     * @param after the later snapshot
     * @return this
     */
    public SnapshotDiff compute(MemorySnapshot before, MemorySnapshot after) {
        if (before == null || after == null) {
            throw new IllegalArgumentException("SnapshotDiff.compute: both snapshots are needed");
        }
        size = 0;
        add(Kind.NATIVE, "total", true, before.nativeBytes(), before.nativeBlocks(), true, after.nativeBytes(), after.nativeBlocks());
        tags(before, after);
        pools(before, after);
        groups(before, after);
        sort();
        java.util.Arrays.fill(changes, 0);
        for (int i = 0; i < size; i++) {
            changes[change[i].ordinal()]++;
        }
        return this;
    }

    private void tags(MemorySnapshot b, MemorySnapshot a) {
        for (int i = 0; i < a.tagCount(); i++) {
            MemorySnapshot.TagStats t = a.tag(i);
            int j = match(b.tags, b.tagCount(), a.tags, i);
            if (j < 0) {
                add(Kind.TAG, t.name(), false, 0, 0, true, t.liveBytes(), t.allocs() - t.frees());
            } else {
                MemorySnapshot.TagStats o = b.tag(j);
                add(Kind.TAG, t.name(), true, o.liveBytes(), o.allocs() - o.frees(), true, t.liveBytes(), t.allocs() - t.frees());
            }
        }
        for (int j = 0; j < b.tagCount(); j++) {
            if (match(a.tags, a.tagCount(), b.tags, j) < 0) {
                MemorySnapshot.TagStats o = b.tag(j);
                add(Kind.TAG, o.name(), true, o.liveBytes(), o.allocs() - o.frees(), false, 0, 0);
            }
        }
    }

    private void pools(MemorySnapshot b, MemorySnapshot a) {
        for (int i = 0; i < a.poolCount(); i++) {
            MemorySnapshot.PoolStats p = a.pool(i);
            int j = match(b.pools, b.poolCount(), a.pools, i);
            if (j < 0) {
                add(Kind.POOL, p.name(), false, 0, 0, true, p.reservedBytes(), p.live());
            } else {
                MemorySnapshot.PoolStats o = b.pool(j);
                add(Kind.POOL, p.name(), true, o.reservedBytes(), o.live(), true, p.reservedBytes(), p.live());
            }
        }
        for (int j = 0; j < b.poolCount(); j++) {
            if (match(a.pools, a.poolCount(), b.pools, j) < 0) {
                MemorySnapshot.PoolStats o = b.pool(j);
                add(Kind.POOL, o.name(), true, o.reservedBytes(), o.live(), false, 0, 0);
            }
        }
    }

    private void groups(MemorySnapshot b, MemorySnapshot a) {
        for (int i = 0; i < a.groupCount(); i++) {
            MemorySnapshot.GroupStats g = a.group(i);
            int j = match(b.groups, b.groupCount(), a.groups, i);
            if (j < 0) {
                add(Kind.GROUP, g.name(), false, 0, 0, true, g.reservedBytes(), g.allocs());
            } else {
                MemorySnapshot.GroupStats o = b.group(j);
                add(Kind.GROUP, g.name(), true, o.reservedBytes(), o.allocs(), true, g.reservedBytes(), g.allocs());
            }
        }
        for (int j = 0; j < b.groupCount(); j++) {
            if (match(a.groups, a.groupCount(), b.groups, j) < 0) {
                MemorySnapshot.GroupStats o = b.group(j);
                add(Kind.GROUP, o.name(), true, o.reservedBytes(), o.allocs(), false, 0, 0);
            }
        }
    }

    /**
     * @return the index in {@code other} of the entry matching {@code mine[i]}: same name, same occurrence of that
     *     name (the k-th "bullets" matches the k-th "bullets"), or -1
     */
    private static int match(Object[] other, int otherCount, Object[] mine, int i) {
        String n = nameOf(mine[i]);
        int occurrence = 0;
        for (int k = 0; k < i; k++) {
            if (nameOf(mine[k]).equals(n)) {
                occurrence++;
            }
        }
        for (int j = 0; j < otherCount; j++) {
            if (nameOf(other[j]).equals(n) && occurrence-- == 0) {
                return j;
            }
        }
        return -1;
    }

    private static String nameOf(Object o) {
        if (o instanceof MemorySnapshot.TagStats) {
            return ((MemorySnapshot.TagStats) o).name();
        }
        if (o instanceof MemorySnapshot.PoolStats) {
            return ((MemorySnapshot.PoolStats) o).name();
        }
        return ((MemorySnapshot.GroupStats) o).name();
    }

    private void add(Kind k, String n, boolean wasThere, long b, long bc, boolean isThere, long a, long ac) {
        if (size == kind.length) {
            grow();
        }
        kind[size] = k;
        name[size] = n;
        before[size] = b;
        beforeCount[size] = bc;
        after[size] = a;
        afterCount[size] = ac;
        change[size] = !wasThere ? Change.APPEARED : !isThere ? Change.WENT
            : a > b || (a == b && ac > bc) ? Change.GREW : a < b || ac < bc ? Change.SHRANK : Change.SAME;
        order[size] = size;
        size++;
    }

    private void grow() {
        int n = kind.length * 2;
        kind = java.util.Arrays.copyOf(kind, n);
        name = java.util.Arrays.copyOf(name, n);
        before = java.util.Arrays.copyOf(before, n);
        after = java.util.Arrays.copyOf(after, n);
        beforeCount = java.util.Arrays.copyOf(beforeCount, n);
        afterCount = java.util.Arrays.copyOf(afterCount, n);
        change = java.util.Arrays.copyOf(change, n);
        order = java.util.Arrays.copyOf(order, n);
    }

    /** Insertion sort of the index (entries are tens, and this must not allocate). */
    private void sort() {
        for (int i = 1; i < size; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= 0 && before(x, order[j])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    /** @return whether entry x sorts before entry y */
    private boolean before(int x, int y) {
        if (kind[x] != kind[y]) {
            return kind[x].ordinal() < kind[y].ordinal();
        }
        boolean sx = change[x] == Change.SAME;
        boolean sy = change[y] == Change.SAME;
        if (sx != sy) {
            return sy;
        }
        return Math.abs(after[x] - before[x]) > Math.abs(after[y] - before[y]);
    }

    /** @return entries, including unchanged ones */
    public int size() {
        return size;
    }

    private int at(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return order[i];
    }

    /**
     * @param i entry index below {@link #size()}
     * @return what the entry describes
     */
    public Kind kind(int i) { return kind[at(i)]; }

    /**
     * @param i entry index
     * @return the tag, pool or group name ("total" for the native total)
     */
    public String name(int i) { return name[at(i)]; }

    /**
     * @param i entry index
     * @return its bytes in the earlier snapshot (0 when it appeared)
     */
    public long beforeBytes(int i) { return before[at(i)]; }

    /**
     * @param i entry index
     * @return its bytes in the later snapshot (0 when it went)
     */
    public long afterBytes(int i) { return after[at(i)]; }

    /**
     * @param i entry index
     * @return after minus before, in bytes
     */
    public long deltaBytes(int i) { return after[at(i)] - before[at(i)]; }

    /**
     * @param i entry index
     * @return its count before (see the class table for what is counted)
     */
    public long beforeCount(int i) { return beforeCount[at(i)]; }

    /**
     * @param i entry index
     * @return its count after
     */
    public long afterCount(int i) { return afterCount[at(i)]; }

    /**
     * @param i entry index
     * @return how it changed
     */
    public Change change(int i) { return change[at(i)]; }

    /**
     * @param c a kind of change
     * @return how many entries changed that way
     */
    public int count(Change c) { return changes[c.ordinal()]; }

    /** @return the change in native bytes held, after minus before */
    public long nativeDeltaBytes() {
        for (int i = 0; i < size; i++) {
            if (kind[i] == Kind.NATIVE) {
                return after[i] - before[i];
            }
        }
        return 0;
    }

    /**
     * The diff as text, one line per changed entry (unchanged ones are counted, not listed), sizes in KiB:
     * {@code grew     pool   bullets   64.0 KiB -> 128.0 KiB (+64.0 KiB), count 12 -> 40}. For reports and
     * command lines; allocates.
     *
     * @return the lines, each ending in a newline
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < size; i++) {
            Change c = change(i);
            if (c == Change.SAME) {
                continue;
            }
            long d = deltaBytes(i);
            b.append(String.format(Locale.ROOT, "%-9s %-6s %-24s %s -> %s (%s%s), count %d -> %d%n",
                c.name().toLowerCase(Locale.ROOT), kind(i).name().toLowerCase(Locale.ROOT), name(i), kib(beforeBytes(i)),
                kib(afterBytes(i)), d >= 0 ? "+" : "-", kib(Math.abs(d)), beforeCount(i), afterCount(i)));
        }
        b.append(String.format(Locale.ROOT, "%d appeared, %d went, %d grew, %d shrank, %d unchanged%n", count(Change.APPEARED),
            count(Change.WENT), count(Change.GREW), count(Change.SHRANK), count(Change.SAME)));
        return b.toString();
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
