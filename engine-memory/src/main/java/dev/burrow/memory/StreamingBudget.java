package dev.burrow.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named budget for large, reloadable things (visited levels, textures, sounds): reserve with a priority, load,
 * use, release; when a new reservation does not fit, the least recently used entries of the lowest priority are
 * evicted, and their owners called back to drop them. Obtain one with {@link EngineMemory#streaming(String, long)}.
 *
 * <pre>{@code
 * StreamingBudget levels = mem.streaming("levels", 64 << 20);
 * StreamingBudget.Entry kept = levels.keep(level.group(), 0, e -> cache.remove(depth)); // closes the group itself
 * kept.pin();      // the level being played is never evicted
 * ...
 * kept.unpin();    // left it: it stays resident until something else needs the room
 * if (kept.isResident()) { kept.touch(); ... } else { regenerate(seed, depth); }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>An entry counts its bytes from {@link #reserve} until it is released or evicted; {@link Entry#resize} follows
 *       a load that turned out bigger or smaller.</li>
 *   <li>Room is made by evicting unpinned entries of a priority no higher than the newcomer's: lowest priority
 *       first, least recently used ({@link Entry#touch()}) first within a priority. Pinned entries are never evicted.
 *       A reservation that cannot fit even so is refused: {@code null}, and {@code EM503}, nothing evicted.</li>
 *   <li>Evictions are decided under the budget's lock and the owners are called afterwards, on the reserving thread,
 *       before {@code reserve} returns, so the memory is gone before the newcomer loads. A callback that throws is
 *       reported ({@code EM504}); the entry is evicted anyway.</li>
 *   <li>{@link #keep(LevelGroup, int, Evictor)} makes an entry of a level group: its bytes are the group's native
 *       bytes, and eviction calls the owner back, then closes the group. At engine close the groups still kept are
 *       closed without a leak report: keeping them was the point.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * <p>Entries of each priority sit in an intrusive least-recently-used list, and the priorities with unpinned entries
 * in a sorted map: picking each victim is O(log P) for P distinct priorities (so at most O(log n)), and
 * {@link Entry#touch()}, {@link Entry#pin()} and {@link Entry#unpin()} are O(1) and allocate nothing. Thread-safe.</p>
 */
public final class StreamingBudget {
    private final Diagnostics diagnostics;
    private final String name;
    private long capacity;
    private long used;
    private int entries;
    private int pinned;
    private long evictions;
    private long evictedBytes;
    private long refusals;
    private long clock;
    /** Unpinned resident entries, by priority: each list least recently used first. */
    private final TreeMap<Integer, Lru> byPriority = new TreeMap<>();
    /** Every resident entry, for snapshots and close. */
    private Entry[] resident = new Entry[16];

    /** Called back when an entry is evicted, to drop what it stood for. */
    @FunctionalInterface
    public interface Evictor {
        /**
         * @param entry the entry evicted; {@link Entry#isResident()} is already false
         */
        void evicted(Entry entry);
    }

    StreamingBudget(EngineMemory engine, String name, long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("streaming budget \"" + name + "\": capacity must be >= 0: " + capacityBytes);
        }
        this.diagnostics = engine.diagnostics();
        this.name = name;
        this.capacity = capacityBytes;
    }

    // ---------------------------------------------------------------- reserving

    /**
     * Reserves {@code bytes}, evicting what it must (see the class rules).
     *
     * @param entryName what the entry is, for the overlay and messages
     * @param bytes bytes it will hold
     * @param priority higher stays longer; a reservation evicts only entries of its priority or lower
     * @param evictor called when the entry is evicted (may be null)
     * @return the entry, resident and most recently used; null when it cannot fit ({@code EM503})
     */
    public Entry reserve(String entryName, long bytes, int priority, Evictor evictor) {
        if (bytes < 0) {
            throw new IllegalArgumentException("streaming reservation of " + bytes + " bytes for \"" + entryName + "\"");
        }
        Entry e = new Entry(this, entryName, bytes, priority, evictor, null);
        Entry victims;
        synchronized (this) {
            victims = makeRoom(bytes, priority);
            if (victims == REFUSED) {
                refuse(entryName, bytes, priority);
                return null;
            }
            used += bytes;
            admit(e);
        }
        return admitted(e, victims);
    }

    /**
     * Keeps a level group in this budget: its native bytes ({@link LevelGroup#reservedBytes()}) are reserved; when
     * it is evicted, {@code onEvict} is called (drop the level's handles), then the group is closed.
     *
     * @param group an open group, owned by the thread that will reserve in this budget (eviction closes it there)
     * @param priority as in {@link #reserve}
     * @param onEvict called before the group closes (may be null)
     * @return the entry, or null when it cannot fit (the group stays open: it is the caller's again)
     * @throws IllegalArgumentException when the group is closed, or already kept in this budget
     */
    public Entry keep(LevelGroup group, int priority, Evictor onEvict) {
        if (group.isClosed()) {
            throw new IllegalArgumentException("streaming budget \"" + name + "\": " + group.name() + " is closed");
        }
        Evictor closing = entry -> {
            try {
                if (onEvict != null) {
                    onEvict.evicted(entry);
                }
            } finally {
                group.close();
            }
        };
        Entry e = new Entry(this, group.name(), group.reservedBytes(), priority, closing, group);
        Entry victims;
        synchronized (this) {
            for (int i = 0; i < entries; i++) {
                if (resident[i].group == group) { // its bytes would count twice, and eviction would close it twice
                    throw new IllegalArgumentException("streaming budget \"" + name + "\": " + group.name()
                        + " is already kept here (entry \"" + resident[i].name() + "\")");
                }
            }
            victims = makeRoom(e.bytes, priority);
            if (victims == REFUSED) {
                refuse(group.name(), e.bytes, priority);
                return null;
            }
            used += e.bytes;
            admit(e);
        }
        return admitted(e, victims);
    }

    /** The marker {@link #makeRoom} returns when the room cannot be made. */
    private static final Entry REFUSED = new Entry(null, "", 0, 0, null, null);

    /**
     * Picks and removes victims until {@code bytes} more fit (lock held): unpinned entries of {@code priority} or
     * lower, lowest priority first, least recently used first. Nothing changes when that cannot free enough.
     *
     * @return the victims as a chain through {@link Entry#nextVictim} (null when none were needed), or REFUSED
     */
    private Entry makeRoom(long bytes, int priority) {
        if (bytes > Long.MAX_VALUE - used) {
            return REFUSED; // more than any capacity holds; checked first, so the sum below cannot wrap
        }
        long need = used + bytes - capacity;
        if (need <= 0) {
            return null;
        }
        long evictable = 0;
        for (Lru l : byPriority.headMap(priority, true).values()) {
            evictable += l.bytes;
            if (evictable >= need) {
                break;
            }
        }
        if (evictable < need) {
            return REFUSED;
        }
        Entry chain = null;
        Entry last = null;
        while (need > 0) {
            Entry v = byPriority.firstEntry().getValue().head; // O(log P): lists are dropped when they empty
            evict(v);
            need -= v.bytes;
            if (chain == null) {
                chain = v;
            } else {
                last.nextVictim = v;
            }
            last = v;
        }
        return chain;
    }

    /** Takes a resident entry out (lock held); its owner is called later. */
    private void evict(Entry v) {
        unlink(v);
        removeResident(v);
        v.state = Entry.EVICTED;
        used -= v.bytes;
        evictions++;
        evictedBytes += v.bytes;
    }

    private void refuse(String what, long bytes, int priority) {
        refusals++;
        diagnostics.report(DiagnosticCode.EM503, "streaming budget \"" + name + "\" cannot fit \"" + what + "\" (" + bytes
            + " bytes, priority " + priority + "): " + used + " of " + capacity + " bytes in use, " + pinned
            + " entries pinned; nothing was evicted", null, name + "refused");
    }

    /**
     * Calls the owners of evicted entries, outside the lock; one that throws does not stop the others. An
     * {@link Error} (or {@code EM504} itself, when strict warnings throw) is thrown again once every owner was called.
     */
    private void notifyEvicted(Entry chain) {
        Throwable escaped = null;
        for (Entry v = chain; v != null; ) {
            Entry next = v.nextVictim;
            v.nextVictim = null;
            if (v.evictor != null) {
                try {
                    v.evictor.evicted(v);
                } catch (RuntimeException | Error ex) {
                    escaped = reportThrown(v, ex, escaped);
                }
            }
            v = next;
        }
        if (escaped instanceof Error) {
            throw (Error) escaped;
        } else if (escaped != null) {
            throw (RuntimeException) escaped;
        }
    }

    /** Reports a callback that threw ({@code EM504}). @return what to throw after the others: the first Error or EM504 */
    private Throwable reportThrown(Entry v, Throwable ex, Throwable escaped) {
        try {
            diagnostics.report(DiagnosticCode.EM504, "eviction callback of \"" + v.name + "\" in streaming budget \"" + name
                + "\" threw " + ex + "; the entry was evicted anyway", null, name + "threw" + v.name);
        } catch (MemoryDiagnosticException strictWarning) {
            return escaped != null ? escaped : strictWarning;
        }
        return escaped == null && ex instanceof Error ? ex : escaped;
    }

    /** Calls the owners of a newcomer's victims; if that throws, the newcomer is released first: no entry is lost. */
    private Entry admitted(Entry e, Entry victims) {
        try {
            notifyEvicted(victims);
        } catch (RuntimeException | Error ex) {
            e.release();
            throw ex;
        }
        return e;
    }

    private void admit(Entry e) {
        e.state = Entry.RESIDENT;
        e.lastUse = ++clock;
        if (entries == resident.length) {
            resident = java.util.Arrays.copyOf(resident, entries * 2);
        }
        e.slot = entries;
        resident[entries++] = e;
        link(e);
    }

    private void removeResident(Entry e) {
        int i = e.slot;
        Entry moved = resident[--entries];
        resident[i] = moved;
        moved.slot = i;
        resident[entries] = null;
        if (e.pinned) {
            e.pinned = false;
            pinned--;
        }
    }

    // ---------------------------------------------------------------- the LRU lists

    /** Unpinned resident entries of one priority, least recently used at the head. */
    private static final class Lru {
        Entry head;
        Entry tail;
        long bytes;
    }

    private void link(Entry e) {
        Lru l = byPriority.get(e.priority);
        if (l == null) {
            l = new Lru();
            byPriority.put(e.priority, l);
        }
        e.list = l;
        append(l, e);
        l.bytes += e.bytes;
    }

    /**
     * Makes a linked entry its list's most recently used, in place: no map lookup (a priority above 127 boxes) and no
     * new list when it was the list's only entry.
     */
    private void moveToTail(Entry e) {
        Lru l = e.list;
        if (l == null) {
            link(e);
        } else if (l.tail != e) {
            detach(l, e);
            append(l, e);
        }
    }

    private void unlink(Entry e) {
        Lru l = e.list;
        if (l == null) {
            return;
        }
        detach(l, e);
        l.bytes -= e.bytes;
        e.list = null;
        if (l.head == null) {
            byPriority.remove(e.priority);
        }
    }

    /** Takes {@code e} out of {@code l}'s chain (its bytes and list stay as they are). */
    private static void detach(Lru l, Entry e) {
        if (e.prev == null) {
            l.head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            l.tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }

    /** Puts {@code e} at the tail of {@code l}'s chain: the most recently used. */
    private static void append(Lru l, Entry e) {
        e.prev = l.tail;
        e.next = null;
        if (l.tail == null) {
            l.head = e;
        } else {
            l.tail.next = e;
        }
        l.tail = e;
    }

    // ---------------------------------------------------------------- entries

    /** One reservation. Its methods are thread-safe (they take the budget's lock). */
    public static final class Entry {
        static final int RESIDENT = 1;
        static final int EVICTED = 2;
        static final int RELEASED = 3;

        private final StreamingBudget budget;
        private final String name;
        private final Evictor evictor;
        private final LevelGroup group;
        private long bytes;
        private int priority;
        private boolean pinned;
        private int state;
        private long lastUse;
        private int slot;
        private Lru list;
        private Entry prev;
        private Entry next;
        private Entry nextVictim;
        private volatile Object attachment;

        Entry(StreamingBudget budget, String name, long bytes, int priority, Evictor evictor, LevelGroup group) {
            this.budget = budget;
            this.name = name;
            this.bytes = bytes;
            this.priority = priority;
            this.evictor = evictor;
            this.group = group;
        }

        /** Marks the entry most recently used (call it when the game uses what it stands for). O(1), no garbage. */
        public void touch() {
            synchronized (budget) {
                if (state == RESIDENT) {
                    lastUse = ++budget.clock;
                    if (!pinned) {
                        budget.moveToTail(this);
                    }
                }
            }
        }

        /** Never evict this entry until {@link #unpin()}. Pins do not nest. */
        public void pin() {
            synchronized (budget) {
                if (state == RESIDENT && !pinned) {
                    budget.unlink(this);
                    pinned = true;
                    budget.pinned++;
                }
            }
        }

        /** Lets the entry be evicted again; it becomes the most recently used. */
        public void unpin() {
            synchronized (budget) {
                if (state == RESIDENT && pinned) {
                    pinned = false;
                    budget.pinned--;
                    lastUse = ++budget.clock;
                    budget.link(this);
                }
            }
        }

        /**
         * Changes the bytes the entry counts, evicting others (never this one) when it grows past the capacity.
         *
         * @param newBytes the entry's bytes now
         * @return whether it fits; when not ({@code EM503}) the entry keeps its old size and nothing is evicted
         */
        public boolean resize(long newBytes) {
            if (newBytes < 0) {
                throw new IllegalArgumentException("streaming entry \"" + name + "\" resized to " + newBytes + " bytes");
            }
            Entry victims;
            synchronized (budget) {
                if (state != RESIDENT) {
                    return false;
                }
                boolean linked = list != null;
                if (linked) {
                    budget.unlink(this); // never its own victim
                }
                victims = newBytes <= bytes ? null : budget.makeRoom(newBytes - bytes, priority); // shrinking always fits
                if (victims == REFUSED) {
                    if (linked) {
                        budget.link(this);
                    }
                    budget.refuse(name, newBytes, priority);
                    return false;
                }
                budget.used += newBytes - bytes;
                bytes = newBytes;
                if (linked) {
                    budget.link(this);
                }
            }
            budget.notifyEvicted(victims);
            return true;
        }

        /** Gives the entry's bytes back without calling the evictor (the owner dropped it itself). Twice does nothing. */
        public void release() {
            synchronized (budget) {
                if (state != RESIDENT) {
                    return;
                }
                if (!pinned) {
                    budget.unlink(this);
                }
                budget.removeResident(this);
                budget.used -= bytes;
                state = RELEASED;
            }
        }

        /** @return whether the entry still holds its bytes (not evicted, not released) */
        public boolean isResident() {
            synchronized (budget) {
                return state == RESIDENT;
            }
        }

        /** @return whether it was evicted (as opposed to released) */
        public boolean wasEvicted() {
            synchronized (budget) {
                return state == EVICTED;
            }
        }

        /** @return whether it is pinned */
        public boolean isPinned() {
            synchronized (budget) {
                return pinned;
            }
        }

        /** @return its name */
        public String name() { return name; }

        /** @return the bytes it counts */
        public long bytes() {
            synchronized (budget) {
                return bytes;
            }
        }

        /** @return its priority */
        public int priority() { return priority; }

        /** @return the level group it keeps, or null */
        public LevelGroup group() { return group; }

        /** @return what the game attached to it, or null */
        public Object attachment() { return attachment; }

        /** @param value anything the game wants back from the entry (the level object), or null */
        public void attach(Object value) { attachment = value; }

        /** @return the budget it belongs to */
        public StreamingBudget budget() { return budget; }

        @Override
        public String toString() {
            return "entry \"" + name + "\" (" + bytes + " bytes, priority " + priority + ") of " + budget;
        }
    }

    // ---------------------------------------------------------------- budget-wide

    /**
     * Changes the capacity; a smaller one evicts unpinned entries (any priority) until the rest fits, or as far as
     * pins allow.
     *
     * @param bytes the new capacity
     */
    public void capacity(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("streaming budget \"" + name + "\": capacity must be >= 0: " + bytes);
        }
        Entry chain = null;
        Entry last = null;
        synchronized (this) {
            capacity = bytes;
            while (used > capacity && !byPriority.isEmpty()) {
                Entry v = byPriority.firstEntry().getValue().head;
                evict(v);
                if (chain == null) {
                    chain = v;
                } else {
                    last.nextVictim = v;
                }
                last = v;
            }
        }
        notifyEvicted(chain);
    }

    /** Engine close: groups still kept are closed by the engine without a leak report; entries are forgotten. */
    synchronized void closeAtEngineClose() {
        for (int i = 0; i < entries; i++) {
            Entry e = resident[i];
            if (e.group != null && !e.group.isClosed()) {
                e.group.keep(); // kept on purpose: the engine closes it next, quietly
            }
            e.state = Entry.RELEASED;
            resident[i] = null;
        }
        entries = 0;
        pinned = 0;
        used = 0;
        byPriority.clear();
    }

    /** @return its name */
    public String name() { return name; }

    /** @return bytes it may hold */
    public synchronized long capacity() { return capacity; }

    /** @return bytes its resident entries count */
    public synchronized long usedBytes() { return used; }

    /** @return resident entries */
    public synchronized int entries() { return entries; }

    /** @return pinned entries */
    public synchronized int pinnedEntries() { return pinned; }

    /** @return entries evicted so far */
    public synchronized long evictions() { return evictions; }

    /** @return bytes evicted so far */
    public synchronized long evictedBytes() { return evictedBytes; }

    /** @return reservations refused so far */
    public synchronized long refusals() { return refusals; }

    /** @return the resident entries, least recently used first within each priority, lowest priority first; pinned last */
    public synchronized List<Entry> residentEntries() {
        List<Entry> list = new ArrayList<>(entries);
        for (Lru l : byPriority.values()) {
            for (Entry e = l.head; e != null; e = e.next) {
                list.add(e);
            }
        }
        for (int i = 0; i < entries; i++) {
            if (resident[i].pinned) {
                list.add(resident[i]);
            }
        }
        return list;
    }

    /** Copies the figures into a snapshot row without allocating once the row has room. */
    synchronized void copyInto(MemorySnapshot.StreamingStats s) {
        s.name = name;
        s.capacityBytes = capacity;
        s.usedBytes = used;
        s.pinned = pinned;
        s.evictions = evictions;
        s.evictedBytes = evictedBytes;
        s.refusals = refusals;
        s.ensure(entries);
        s.entryCount = entries;
        for (int i = 0; i < entries; i++) {
            Entry e = resident[i];
            s.entryNames[i] = e.name;
            s.entryBytes[i] = e.bytes;
            s.entryPriority[i] = e.priority;
            s.entryPinned[i] = e.pinned;
            s.entryLastUse[i] = e.lastUse;
        }
        s.clock = clock;
    }

    @Override
    public String toString() {
        return "streaming budget \"" + name + "\"";
    }
}
