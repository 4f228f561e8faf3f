package dev.burrow.memory;

import java.util.Arrays;

/**
 * The pool at {@link DebugLevel#SIMPLE} and {@link DebugLevel#PARANOID}: validate before you write.
 *
 * <p>Every operation first proves the caller owns the pool and the pool is open ({@code EM301}, {@code EM105}),
 * then that the address or handle is a slot start of this pool ({@code EM102}, {@code EM103}) in the right state
 * (live for a free: {@code EM101} or "never allocated"); only then does it change anything. Freed slots are
 * poisoned with {@code 0xCD} and go through a FIFO quarantine of up to {@value #QUARANTINE_SLOTS} slots
 * ({@value #QUARANTINE_BYTES} bytes at most) before they can be handed out again, so {@code a = alloc(); free(a);
 * b = alloc(); free(a)} is still a double free, and a write after free is caught when the slot comes back
 * ({@code EM104}, the slot is re-poisoned, never trusted). PARANOID also writes guard bytes after each slot
 * (checked on free, {@code EM401}) and records every allocation's site.</p>
 *
 * <p>Subclasses give the storage: slabs ({@link CheckedSlabPool}) or one system malloc per slot ({@link MallocPool}).</p>
 */
abstract class CheckedPool extends SlotPool {
    /** Most freed slots held back from reuse. */
    static final int QUARANTINE_SLOTS = 256;
    /** Most bytes of freed slots held back from reuse. */
    static final long QUARANTINE_BYTES = 64 * 1024;

    final boolean guard;
    final SlotQueue quarantine;
    private String[] slotSite;
    /** Below PARANOID: record the site of each slot's first use (a heap's sampling; see {@link #recordFirstUseSites}). */
    private boolean firstUseSites;
    private boolean lwjglSites;
    /** The index of the slot {@link #take()} just handed out. */
    private int taken;

    CheckedPool(EngineMemory engine, String name, int slotBytes, LevelGroup group, TagAccount tag, int salt) {
        super(engine, name, slotBytes, engine.debugLevel() == DebugLevel.PARANOID ? GuardTracker.GUARD_BYTES : 0,
            group, tag, salt);
        this.guard = debug == DebugLevel.PARANOID;
        this.quarantine = new SlotQueue((int) Math.max(1, Math.min(QUARANTINE_SLOTS, QUARANTINE_BYTES / stride)));
        if (guard) {
            slotSite = new String[0];
        }
    }

    /**
     * Records, below PARANOID, where each slot was allocated the first time it is used (and forgets it when the slot
     * is freed), instead of one sampled site per slab. Growth is what leaks cause, so a leak from a slot that was
     * never used before is named exactly; a steady state reuses slots and walks no stacks. Used by heaps.
     */
    final void recordFirstUseSites() {
        firstUseSites = true;
        if (slotSite == null) {
            slotSite = new String[states.length];
        }
    }

    /** Sites of this pool's allocations say who asked LWJGL for them (a heap behind the LWJGL allocator). */
    final void recordLwjglSites() {
        lwjglSites = true;
    }

    private String site() {
        return lwjglSites ? AllocationSite.captureLwjgl() : AllocationSite.capture();
    }

    // ---------------------------------------------------------------- storage hooks beyond SlotPool's

    /** @return a never-used slot without growing the storage, or -1 */
    abstract int unusedSlot();

    /**
     * Gives slot {@code idx} its memory if it has none (kill switch).
     *
     * @return whether the slot's memory is the poisoned memory of an earlier free (to be checked)
     */
    abstract boolean back(int idx);

    /** Returns a slot leaving the quarantine or cooling queue to the free stack (the kill switch frees its memory). */
    @Override
    void recycle(int idx) {
        pushFree(idx);
    }

    @Override
    final int freshSlot() {
        int idx = unusedSlot();
        if (idx >= 0) {
            return idx;
        }
        idx = quarantine.poll(); // the oldest freed slot rather than new memory
        return idx >= 0 ? idx : grownSlot();
    }

    /** @return a never-used slot after growing the storage */
    abstract int grownSlot();

    @Override
    void slotsGrew(int capacity) {
        if (slotSite != null) {
            slotSite = Arrays.copyOf(slotSite, capacity);
        }
    }

    // ---------------------------------------------------------------- the address API

    @Override
    public final long alloc() {
        if (Thread.currentThread() != owner) {
            return refuseThread("alloc");
        }
        if (closed) {
            return refuseClosed("alloc");
        }
        return take();
    }

    @Override
    public final void free(long address) {
        if (address == 0) {
            return;
        }
        if (Thread.currentThread() != owner) {
            refuseThread("free");
        } else if (closed) {
            refuseClosed("free");
        } else {
            freeOwned(address);
        }
    }

    /** A free by the owner (or a drain of frees from other threads): the address is validated here. */
    final void freeOwned(long address) {
        int idx = indexOf(address);
        if (idx < 0) {
            foreign(address);
            return;
        }
        int w = states[idx];
        if (w > 0 && heldByHandle(idx)) {
            // Not a slot from alloc(): a handle holds it. Also what a stale address finds once a compaction moved a
            // handle's slot into the place it was freed from: refused, so the handle's slot is never freed under it.
            heldByHandle(idx, address);
        } else if (w > 0) {
            retire(idx, w, address);
        } else if (w == 0) {
            neverAllocated(idx, address);
        } else {
            doubleFree(idx, address, "free");
        }
    }

    @Override
    final void freeDrained(long address) {
        if (!closed) {
            freeOwned(address);
        }
    }

    @Override
    final void releaseDrained(int handle) {
        if (!closed) {
            releaseOwned(handle);
        }
    }

    // ---------------------------------------------------------------- the handle API

    @Override
    public final int acquire() {
        if (Thread.currentThread() != owner) {
            refuseThread("acquire");
            return 0;
        }
        if (closed) {
            refuseClosed("acquire");
            return 0;
        }
        take();
        int idx = taken;
        handlesIssued = true;
        markHandle(idx);
        return states[idx];
    }

    @Override
    public final long address(int handle) {
        if (Thread.currentThread() != owner) {
            return refuseThread("address");
        }
        if (closed) {
            return refuseClosed("address");
        }
        int idx = handle & HandleLayout.INDEX_MASK;
        if (handle > 0 && idx < states.length && states[idx] == handle && heldByHandle(idx)) {
            return addressOf(idx);
        }
        return staleHandle(handle, "address");
    }

    @Override
    public final void release(int handle) {
        if (Thread.currentThread() != owner) {
            refuseThread("release");
        } else if (closed) {
            refuseClosed("release");
        } else {
            releaseOwned(handle);
        }
    }

    /** A release by the owner (or a drain): the handle is validated here. */
    final void releaseOwned(int handle) {
        int idx = handle & HandleLayout.INDEX_MASK;
        if (handle > 0 && idx < states.length && states[idx] == handle && heldByHandle(idx)) {
            retire(idx, handle, addressOf(idx));
        } else {
            badRelease(handle);
        }
    }

    @Override
    public final boolean isValid(int handle) {
        int idx = handle & HandleLayout.INDEX_MASK;
        int[] s = states;
        return handle > 0 && idx < s.length && s[idx] == handle && heldByHandle(idx);
    }

    // ---------------------------------------------------------------- the two transitions

    /**
     * Takes a free slot, proves its poison intact, charges the tag, marks it live.
     *
     * @return its address; its index is left in {@link #taken} (the address is worked out once, not again by alloc)
     */
    private long take() {
        int idx = top > 0 ? freeStack[--top] : freshSlot();
        boolean firstUse = states[idx] == 0;
        long a;
        try {
            a = prepare(idx);
            chargeTag();
        } catch (RuntimeException e) {
            pushFree(idx); // nothing was handed out: the slot (repaired if it had to be) goes back
            throw e;
        }
        issue(idx);
        countAlloc();
        if (guard) {
            GuardTracker.arm(a, slotBytes);
            slotSite[idx] = site();
        } else if (firstUse && firstUseSites) {
            slotSite[idx] = site();
        }
        taken = idx;
        return a;
    }

    /** Backs the slot with memory if needed; a reused slot must still hold the poison of its free. */
    private long prepare(int idx) {
        boolean reused = back(idx);
        long a = addressOf(idx);
        if (!reused) {
            Poison.fill(a, stride);
        } else if (!poisonIntact(a)) {
            Poison.fill(a, stride); // never trust it again: repaired first, then reported
            writeAfterFree(idx, a);
        }
        return a;
    }

    /** Marks a live slot free: guard check, poison, quarantine (or cooling when its generation wrapped). */
    private void retire(int idx, int word, long address) {
        MemoryDiagnosticException overrun = null;
        if (guard) {
            try {
                GuardTracker.check(address, slotBytes, label, slotSite[idx], diagnostics);
            } catch (MemoryDiagnosticException e) {
                overrun = e; // strict mode: the slot is still freed, then the overrun is thrown
            }
            slotSite[idx] = null;
        } else if (firstUseSites) {
            slotSite[idx] = null;
        }
        states[idx] = word | HandleLayout.FREE_BIT;
        clearSlotBits(idx);
        if (keepBits != null) {
            setKept(idx, false);
        }
        frees++;
        dischargeTag();
        Poison.fill(address, stride);
        if (mustPark(word)) {
            park(idx);
        } else {
            int out = quarantine.offer(idx);
            if (out >= 0) {
                recycle(out);
            }
        }
        if (overrun != null) {
            throw overrun;
        }
    }

    final boolean poisonIntact(long address) {
        return Poison.intact(address, stride);
    }

    final void writeAfterFree(int idx, long address) {
        diagnostics.report(DiagnosticCode.EM104, "pool slot 0x" + Long.toHexString(address) + " (slot " + idx + ") in "
            + label + " was written after it was freed", siteOf(idx), name + "uaf");
    }

    // ---------------------------------------------------------------- compaction hooks

    @Override
    final boolean admitOwner(String op) {
        if (Thread.currentThread() != owner) {
            refuseThread(op);
            return false;
        }
        return true;
    }

    @Override
    final void freeUntouched(int idx) {
        pushFree(idx);
    }

    @Override
    final void markFree(boolean[] free) {
        for (int i = 0, n = Math.min(free.length, states.length); i < n; i++) {
            free[i] = states[i] <= 0; // never used (0) or freed (the free bit makes it negative)
        }
        for (int i = 0; i < cooling.size(); i++) {
            free[cooling.get(i)] = false; // parked: must stay parked, so not a move target (its slab stays)
        }
    }

    @Override
    final void rebuildFreeLists(boolean[] free, Slabs slabs) {
        int kept = 0;
        for (int i = 0; i < top; i++) {
            if (onPresentSlab(slabs, freeStack[i])) {
                freeStack[kept++] = freeStack[i];
            }
        }
        top = kept;
        quarantine.retainIf(idx -> onPresentSlab(slabs, idx));
        cooling.retainIf(idx -> onPresentSlab(slabs, idx));
    }

    // ---------------------------------------------------------------- management

    @Override
    public final void keep(long address) {
        if (Thread.currentThread() != owner) {
            refuseThread("keep");
            return;
        }
        if (closed) {
            refuseClosed("keep");
            return;
        }
        int idx = indexOf(address);
        if (idx < 0) {
            foreign(address);
        } else if (states[idx] <= 0) {
            diagnostics.report(DiagnosticCode.EM102, "keep() of 0x" + Long.toHexString(address) + ", which is not a live slot of "
                + label, null, name + "keep");
        } else {
            setKept(idx, true);
        }
    }

    @Override
    public final void close() {
        if (Thread.currentThread() != owner && !closed) {
            refuseThread("close");
            return;
        }
        closeInternal(DiagnosticCode.EM602);
    }

    @Override
    final String siteOf(int idx) {
        if (slotSite != null && idx < slotSite.length && slotSite[idx] != null) {
            return slotSite[idx];
        }
        return firstUseSites ? null : sampledSite(idx);
    }

    /** @return the sampled site (slab growth) of slot {@code idx}, or null */
    abstract String sampledSite(int idx);

    @Override
    final LeakReport leaks() {
        LeakReport r = new LeakReport();
        int[] s = states;
        for (int i = 0; i < s.length; i++) {
            if (s[i] > 0 && !isKept(i)) {
                r.add(siteOf(i), 1, slotBytes);
            }
        }
        return r;
    }

    @Override
    public final int quarantined() {
        return quarantine.size();
    }
}
