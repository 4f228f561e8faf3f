package dev.burrow.memory;

import java.util.Arrays;

/**
 * The state shared by every pool implementation: the free-index stack, one state word per slot
 * ({@link HandleLayout}), the cooling queue for slots whose generation wrapped, counters, and close/leak handling.
 * Subclasses supply the storage (slabs or one malloc per slot) and the public operations with or without checks.
 */
abstract class SlotPool extends Pool {
    /** Bytes of slots the cooling queue may park: bounds the memory held by wrapped slots. */
    static final long COOLING_BYTES = 256 * 1024;
    /** The cooling queue never parks more than this many slots. */
    static final int COOLING_SLOTS = 1024;
    private static final int[] NO_SLOTS = new int[0];

    final EngineMemory engine;
    final Diagnostics diagnostics;
    final String name;
    String label; // built once: error branches must not concatenate on the hot path (a heap renames its classes)
    final int slotBytes;
    final int stride;
    final int slotAlign;
    final TagAccount tag;
    final LevelGroup group;
    final DebugLevel debug;
    final int salt;
    Thread owner;

    int[] states = NO_SLOTS;
    int[] freeStack = NO_SLOTS;
    int top;
    final SlotQueue cooling;
    /** Allocations and frees since creation; the live count is their difference (one counter written per call). */
    long allocs;
    long frees;
    int peakLive;
    long[] keepBits;
    boolean closed;
    /** Set by the first handle: until then a generation that wraps cannot make a stale handle pass, so no slot parks. */
    boolean handlesIssued;
    /** Slots held through a handle (compaction may move them), and slots pinned in place; null until first used. */
    long[] handleBits;
    long[] pinBits;
    int pinnedSlots;
    long compactions;
    long slabsReturned;
    long slotsMoved;

    SlotPool(EngineMemory engine, String name, int slotBytes, int guardBytes, LevelGroup group, TagAccount tag, int salt) {
        if (slotBytes < 1 || slotBytes > MAX_SLOT_BYTES) {
            throw new IllegalArgumentException("pool \"" + name + "\": slot size must be in [1, " + MAX_SLOT_BYTES + "]: " + slotBytes);
        }
        this.engine = engine;
        this.diagnostics = engine.diagnostics();
        this.name = name;
        this.label = "pool \"" + name + "\"";
        this.slotBytes = slotBytes;
        this.group = group;
        this.tag = tag;
        this.debug = engine.debugLevel();
        this.salt = salt;
        this.owner = Thread.currentThread();
        int body = (int) ((slotBytes + 7L) & -8L);
        // Alignment follows the slot size alone, so PARANOID's guard bytes never change where slots may start.
        this.slotAlign = Math.min(64, Integer.lowestOneBit(body));
        this.stride = (body + guardBytes + slotAlign - 1) & -slotAlign;
        this.cooling = new SlotQueue((int) Math.max(1, Math.min(COOLING_SLOTS, COOLING_BYTES / stride)));
    }

    // ---------------------------------------------------------------- storage, by subclass

    /** @return the address of existing slot {@code idx} */
    abstract long addressOf(int idx);

    /** @return the slot index starting at {@code address}, or -1 when it is not a slot start of this pool */
    abstract int indexOf(long address);

    /**
     * @return a slot index never handed out, growing the storage when needed
     * @throws OutOfNativeMemoryException when the storage cannot grow (nothing changes)
     */
    abstract int freshSlot();

    /** Applies a free handed over by another thread, on the owner's side (or at engine close). */
    abstract void freeDrained(long address);

    /** Applies a release handed over by another thread, on the owner's side (or at engine close). */
    abstract void releaseDrained(int handle);

    /** Frees the storage at close. */
    abstract void releaseStorage();

    /** @return where slot {@code idx} was allocated, as far as this level records it, or null */
    abstract String siteOf(int idx);

    // ---------------------------------------------------------------- shared building blocks

    /** @return the next slot to hand out: a freed one, else a fresh one */
    final int takeSlot() {
        return top > 0 ? freeStack[--top] : freshSlot();
    }

    /** Makes room in the per-slot arrays for slots up to {@code capacity}; allocates only when they grow. */
    final void ensureSlots(int capacity) {
        if (capacity > MAX_SLOTS) {
            throw full();
        }
        if (capacity > states.length) {
            int cap = (int) Math.min(MAX_SLOTS, Math.max(capacity, states.length * 2L));
            states = Arrays.copyOf(states, cap);
            freeStack = Arrays.copyOf(freeStack, cap);
            if (keepBits != null) {
                keepBits = Arrays.copyOf(keepBits, (cap + 63) >>> 6);
            }
            if (handleBits != null) {
                handleBits = Arrays.copyOf(handleBits, (cap + 63) >>> 6);
            }
            if (pinBits != null) {
                pinBits = Arrays.copyOf(pinBits, (cap + 63) >>> 6);
            }
            slotsGrew(cap);
        }
    }

    /** Hook for per-slot arrays of a subclass (sites at PARANOID). */
    void slotsGrew(int capacity) {
    }

    final MemoryDiagnosticException full() {
        String msg = Diagnostics.format(DiagnosticCode.EM106, label + " is full: it holds " + MAX_SLOTS + " slots", null);
        diagnostics.count(DiagnosticCode.EM106, msg);
        return new MemoryDiagnosticException(DiagnosticCode.EM106, msg);
    }

    /** Pushes a free slot; a full stack can only mean a double free went unchecked (OFF). */
    void pushFree(int idx) {
        if (top < freeStack.length) {
            freeStack[top++] = idx;
        } else {
            doubleFree(idx, addressOf(idx), "free");
        }
    }

    /** Sends a slot whose generation is at its limit to the cooling queue; the slot that leaves it is free again. */
    final void park(int idx) {
        int out = cooling.offer(idx);
        if (out >= 0) {
            recycle(out);
        }
    }

    /** Makes a slot leaving the quarantine or the cooling queue free for reuse. */
    void recycle(int idx) {
        pushFree(idx);
    }

    /** @return whether a slot whose word is {@code word} must park instead of being reused (its generation wrapped) */
    final boolean mustPark(int word) {
        return handlesIssued && HandleLayout.generation(word) == HandleLayout.GENERATION_LIMIT;
    }

    /** Marks a slot live with the next generation. @return its handle */
    final int issue(int idx) {
        int h = HandleLayout.handle(HandleLayout.nextGeneration(states[idx], salt), idx);
        states[idx] = h;
        return h;
    }

    final void countAlloc() {
        long n = ++allocs - frees;
        if (n > peakLive) {
            peakLive = (int) n;
        }
    }

    /** Charges the tag when a budget applies to it (the tag keeps the rest from the pool's own counters). */
    final void chargeTag() {
        if (tag.budgeted) {
            tag.charge(slotBytes, label);
        }
    }

    final void dischargeTag() {
        if (tag.budgeted) {
            tag.discharge(slotBytes);
        }
    }

    final boolean isKept(int idx) {
        return keepBits != null && (keepBits[idx >>> 6] & (1L << idx)) != 0;
    }

    final void setKept(int idx, boolean on) {
        if (keepBits == null) {
            if (!on) {
                return;
            }
            keepBits = new long[(states.length + 63) >>> 6];
        }
        if (on) {
            keepBits[idx >>> 6] |= 1L << idx;
        } else {
            keepBits[idx >>> 6] &= ~(1L << idx);
        }
    }

    // ---------------------------------------------------------------- diagnostics (error branches: may allocate)

    final long refuseClosed(String op) {
        diagnostics.report(group != null && group.isClosed() ? DiagnosticCode.EM201 : DiagnosticCode.EM105,
            op + "() on closed " + label, null, name + "closed" + op);
        return 0;
    }

    final long refuseThread(String op) {
        diagnostics.report(DiagnosticCode.EM301, op + "() on " + label + " owned by thread \"" + owner.getName()
            + "\" from thread \"" + Thread.currentThread().getName() + "\"", null, name + "thread" + op);
        return 0;
    }

    final void doubleFree(int idx, long address, String op) {
        diagnostics.report(DiagnosticCode.EM101, "double " + op + " of pool slot 0x" + Long.toHexString(address) + " (slot "
            + idx + ") in " + label, siteOf(idx), name + "double");
    }

    final void foreign(long address) {
        diagnostics.report(DiagnosticCode.EM102, "free of 0x" + Long.toHexString(address) + ", which is not the start of a slot of "
            + label, null, name + "foreign");
    }

    final void neverAllocated(int idx, long address) {
        diagnostics.report(DiagnosticCode.EM102, "free of 0x" + Long.toHexString(address) + " (slot " + idx + " of " + label
            + "), which was never allocated", null, name + "never");
    }

    final void heldByHandle(int idx, long address) {
        diagnostics.report(DiagnosticCode.EM102, "free of 0x" + Long.toHexString(address) + " (slot " + idx + " of " + label
            + "), which is held through a handle: release() the handle; a stale address (freed before) finds a handle's"
            + " slot there once a compaction moved it in", siteOf(idx), name + "handle");
    }

    final long staleHandle(int handle, String op) {
        diagnostics.report(DiagnosticCode.EM103, op + "() with stale handle 0x" + Integer.toHexString(handle) + " (slot "
            + HandleLayout.index(handle) + ", generation " + HandleLayout.generation(handle)
            + ") in " + label + ": not the live handle of that slot", null, name + "stale" + op);
        return 0;
    }

    /** Diagnoses a handle that failed its check, telling a double release from a stale or made-up one. */
    final void badRelease(int handle) {
        int idx = HandleLayout.index(handle);
        if (handle > 0 && idx < capacity() && states[idx] == (handle | HandleLayout.FREE_BIT)) {
            doubleFree(idx, addressOf(idx), "release");
        } else {
            staleHandle(handle, "release");
        }
    }

    // ---------------------------------------------------------------- close and leaks

    @Override
    void closeInternal(DiagnosticCode leakCode) {
        if (closed) {
            return;
        }
        LeakReport leaks = leaks();
        closed = true;
        dischargeLive();
        try {
            if (!leaks.isEmpty()) {
                leaks.emit(name, engine.events());
                diagnostics.report(leakCode, label + " closed with " + leaks.count() + " live slot(s), "
                    + leaks.bytes() + " bytes: " + leaks.describe(), null, name + "leak");
            }
        } finally {
            releaseStorage();
            states = NO_SLOTS;
            top = 0;
            cooling.clear();
            engine.forget(this);
        }
    }

    /** At close: gives the tag back what the live slots held, when a budget counts it. */
    private void dischargeLive() {
        long n = liveSlots();
        if (tag.budgeted && n > 0) {
            tag.discharge(n * slotBytes);
        }
    }

    /** @return live slots not kept, by site */
    abstract LeakReport leaks();

    // ---------------------------------------------------------------- handles that may move: pins and compaction

    /** Marks slot {@code idx} as held through a handle (acquire). */
    final void markHandle(int idx) {
        if (handleBits == null) {
            handleBits = new long[(states.length + 63) >>> 6];
        }
        handleBits[idx >>> 6] |= 1L << idx;
    }

    /** Forgets the handle and pin marks of a slot that was freed or released. */
    final void clearSlotBits(int idx) {
        if (handleBits != null) {
            handleBits[idx >>> 6] &= ~(1L << idx);
        }
        if (pinBits != null && (pinBits[idx >>> 6] & (1L << idx)) != 0) {
            pinBits[idx >>> 6] &= ~(1L << idx);
            pinnedSlots--;
        }
    }

    private static boolean bit(long[] bits, int idx) {
        return bits != null && (bits[idx >>> 6] & (1L << idx)) != 0;
    }

    /** @return whether slot {@code idx} was handed out by {@link #acquire()} (and not released since) */
    boolean heldByHandle(int idx) {
        return bit(handleBits, idx);
    }

    /** Hook: the checked pool refuses other threads ({@code EM301}). @return whether to go on */
    boolean admitOwner(String op) {
        return true;
    }

    @Override
    public final void pin(int handle) {
        setPinned(handle, true, "pin");
    }

    @Override
    public final void unpin(int handle) {
        setPinned(handle, false, "unpin");
    }

    private void setPinned(int handle, boolean on, String op) {
        if (!admitOwner(op)) {
            return;
        }
        if (closed) {
            refuseClosed(op);
            return;
        }
        int idx = handle & HandleLayout.INDEX_MASK;
        if (handle <= 0 || idx >= states.length || states[idx] != handle || !heldByHandle(idx)) {
            staleHandle(handle, op);
            return;
        }
        if (pinBits == null) {
            pinBits = new long[(states.length + 63) >>> 6];
        }
        boolean was = bit(pinBits, idx);
        if (on && !was) {
            pinBits[idx >>> 6] |= 1L << idx;
            pinnedSlots++;
        } else if (!on && was) {
            pinBits[idx >>> 6] &= ~(1L << idx);
            pinnedSlots--;
        }
    }

    /** @return the slab storage a compaction works on, or null (one malloc per slot: nothing to compact) */
    Slabs storage() {
        return null;
    }

    /** Hook: a slot never handed out, made free by a compaction (it sees whole slabs). */
    abstract void freeUntouched(int idx);

    /** Hook: marks every free slot (of present slabs) in {@code free}, indexed by slot. */
    abstract void markFree(boolean[] free);

    /** Hook: rebuilds the free lists after a compaction; {@code free} slots on freed slabs must leave them. */
    abstract void rebuildFreeLists(boolean[] free, Slabs slabs);

    @Override
    public int compact() {
        if (!admitOwner("compact")) {
            return 0;
        }
        if (closed) {
            refuseClosed("compact");
            return 0;
        }
        Slabs slabs = storage();
        if (slabs == null || group != null) {
            return 0; // one malloc per slot, or slabs that belong to a group until it closes
        }
        int perSlab = slabs.perSlab;
        for (int p = slabs.bumpAll(), end = slabs.indexLimit(); p < end; p++) {
            freeUntouched(slabs.logicalAt(p));
        }
        int limit = slabs.indexLimit();
        int numbered = slabs.numbered();
        boolean[] free = new boolean[limit];
        markFree(free);
        int[] live = new int[numbered];
        boolean[] fixed = new boolean[numbered];
        long spare = 0;
        for (int p = 0; p < limit; p++) {
            int sl = slabs.slabOf(p);
            if (!slabs.isPresent(sl)) {
                continue;
            }
            int l = slabs.logicalAt(p);
            if (free[l]) {
                spare++;
            } else {
                live[sl]++;
                if (!movable(l)) {
                    fixed[sl] = true; // an address the caller holds, or a pinned handle: the slab stays
                }
            }
        }
        long[] order = new long[numbered];
        int candidates = 0;
        for (int sl = 0; sl < numbered; sl++) {
            if (slabs.isPresent(sl) && !fixed[sl]) {
                order[candidates++] = ((long) live[sl] << 32) | sl;
            }
        }
        Arrays.sort(order, 0, candidates); // emptiest first
        boolean[] chosen = new boolean[numbered];
        int freed = 0;
        for (int i = 0; i < candidates; i++) {
            int sl = (int) order[i];
            long freeHere = perSlab - live[sl];
            if (live[sl] <= spare - freeHere) {
                chosen[sl] = true;
                spare -= freeHere + live[sl];
                freed++;
            }
        }
        if (freed == 0) {
            return 0;
        }
        int[] targets = new int[limit];
        int targetCount = 0;
        for (int p = 0; p < limit; p++) {
            int sl = slabs.slabOf(p);
            if (slabs.isPresent(sl) && !chosen[sl] && free[slabs.logicalAt(p)]) {
                targets[targetCount++] = slabs.logicalAt(p);
            }
        }
        int moved = 0;
        for (int p = 0, t = 0; p < limit; p++) {
            if (!chosen[slabs.slabOf(p)]) {
                continue;
            }
            int l = slabs.logicalAt(p);
            if (!free[l]) {
                int j = targets[t++];
                org.lwjgl.system.MemoryUtil.memCopy(slabs.physicalAddress(p), slabs.addressOf(j), stride);
                slabs.swap(l, j); // l now sits where j did; j (free) on the slab about to go
                moved++;
            }
        }
        for (int sl = 0; sl < numbered; sl++) {
            if (chosen[sl]) {
                slabs.releaseSlab(sl);
            }
        }
        rebuildFreeLists(free, slabs);
        compactions++;
        slabsReturned += freed;
        slotsMoved += moved;
        return freed;
    }

    /** @return whether a compaction may move live slot {@code idx}: held through a handle, live, not pinned */
    final boolean movable(int idx) {
        return heldByHandle(idx) && !bit(pinBits, idx) && states[idx] > 0;
    }

    /** @return whether logical slot {@code idx} sits on a slab with memory */
    static boolean onPresentSlab(Slabs slabs, int idx) {
        return slabs.isPresent(slabs.slabOf(slabs.physicalOf(idx)));
    }

    @Override public final long compactions() { return compactions; }

    @Override public final long slabsReturned() { return slabsReturned; }

    @Override public final long slotsMoved() { return slotsMoved; }

    @Override public final int pinned() { return pinnedSlots; }

    // ---------------------------------------------------------------- for SizeClassHeap, whose classes are pools

    /** Names the pool in messages as a heap class ("heap \"lwjgl\" (64-byte blocks)") instead of a pool. */
    final void relabel(String text) {
        label = text;
    }

    /** @return whether {@code address} is a slot start of this pool that is live (as far as this level tracks it) */
    final boolean holdsLive(long address) {
        int idx = indexOf(address);
        return idx >= 0 && isLive(idx);
    }

    /** @return whether slot {@code idx} is live; OFF keeps no liveness for the address API and says yes */
    boolean isLive(int idx) {
        return states[idx] > 0;
    }

    /**
     * Frees {@code address}, which a heap already found on one of this pool's slabs (owner thread): the lean pool
     * skips its own slab lookup; the others free as usual.
     */
    void freeOnOwnSlab(long address) {
        free(address);
    }

    /**
     * Allocates only if a freed slot waits on the free list, so a heap can apply the frees other threads handed it
     * before its pool grows.
     *
     * @return the slot, or 0 when the free list is empty (or the allocation was refused)
     */
    long allocIfFree() {
        return top > 0 ? alloc() : 0;
    }

    /** Drops a free list the subclass keeps outside the shared arrays (LeanPool's stack of addresses). */
    void dropFreeList() {
    }

    /**
     * Closes without a leak report, for a heap that reports all its classes in one line: the storage is freed, the
     * tag discharged. Any thread (the heap vouches for it).
     *
     * @return the live slots by site (empty when already closed)
     */
    final LeakReport closeQuietly() {
        if (closed) {
            return new LeakReport();
        }
        LeakReport leaks = leaks();
        closed = true;
        dischargeLive();
        dropFreeList();
        releaseStorage();
        states = NO_SLOTS;
        top = 0;
        cooling.clear();
        return leaks;
    }

    // ---------------------------------------------------------------- statistics

    @Override public final String name() { return name; }

    @Override public final int slotBytes() { return slotBytes; }

    @Override public final int strideBytes() { return stride; }

    @Override public final int slotAlignment() { return slotAlign; }

    @Override public final int live() { return (int) liveSlots(); }

    /**
     * @return allocations not yet freed; never below 0, also for a snapshot read on another thread, which may see
     *         a newer {@code frees} than {@code allocs} (two plain fields, no ordering between them)
     */
    final long liveSlots() { return Math.max(0, allocs - frees); }

    @Override public final int peakLive() { return peakLive; }

    @Override public final int retired() { return cooling.size(); }

    @Override
    public final int kept() {
        int n = 0;
        if (keepBits != null) {
            for (long w : keepBits) {
                n += Long.bitCount(w);
            }
        }
        return n;
    }

    @Override public final int parkedLimit() { return cooling.capacity(); }

    @Override public final long allocs() { return allocs; }

    @Override public final long frees() { return frees; }

    @Override public final boolean isClosed() { return closed; }

    @Override public final LevelGroup group() { return group; }

    @Override public final DebugLevel debugLevel() { return debug; }

    @Override final long tagBytes() { return liveSlots() * slotBytes; }

    @Override final TagAccount tag() { return tag; }

    @Override
    public final void claim() {
        owner = Thread.currentThread();
    }
}
