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
    final String label; // built once: error branches must not concatenate on the hot path
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
    int live;
    int peakLive;
    long allocs;
    long[] keepBits;
    boolean closed;
    /** Set by the first handle: until then a generation that wraps cannot make a stale handle pass, so no slot parks. */
    boolean handlesIssued;

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
        allocs++;
        if (++live > peakLive) {
            peakLive = live;
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
        if (tag.budgeted && live > 0) {
            tag.discharge((long) live * slotBytes);
        }
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

    /** @return live slots not kept, by site */
    abstract LeakReport leaks();

    // ---------------------------------------------------------------- statistics

    @Override public final String name() { return name; }

    @Override public final int slotBytes() { return slotBytes; }

    @Override public final int strideBytes() { return stride; }

    @Override public final int slotAlignment() { return slotAlign; }

    @Override public final int live() { return live; }

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

    @Override public final long frees() { return allocs - live; }

    @Override public final boolean isClosed() { return closed; }

    @Override public final LevelGroup group() { return group; }

    @Override public final DebugLevel debugLevel() { return debug; }

    @Override final long tagBytes() { return (long) live * slotBytes; }

    @Override final TagAccount tag() { return tag; }

    @Override
    public final void claim() {
        owner = Thread.currentThread();
    }
}
