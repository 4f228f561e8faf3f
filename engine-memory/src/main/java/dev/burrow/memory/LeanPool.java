package dev.burrow.memory;

import java.util.Arrays;

/**
 * The pool at {@link DebugLevel#OFF}: slabs and two stacks of free slots, nothing else on the hot path.
 *
 * <p>The address API keeps a stack of free slot <em>addresses</em>: {@code alloc} pops one; {@code free} pushes the
 * address it is given, as {@code malloc}'s free takes any pointer: misuse here (a double free, a foreign or interior
 * pointer, a call from another thread) is undefined, and a later {@code alloc} may hand the bad address out. Proving
 * the address a slot of this pool cost a table probe and a multiply, a third of OFF's alloc+free (hot LIFO 3.2-3.7 ns
 * with it, 1.87-1.93 without, DebugCostBench, the two builds in turn); SIMPLE and PARANOID prove it. Neither path
 * reads or writes slot memory or the state words. A free of 0 is a no-op, and frees after {@code close()} or on a pool
 * that ever kept a slot take the slow path through one bound ({@code freeLimit}), which refuses or clears the mark.</p>
 *
 * <p>The handle API keeps a stack of free slot <em>indices</em> (SlotPool's): {@code release} checks the handle
 * against its state word, marks it free and pushes the index; {@code acquire} pops an index and issues the next
 * generation; neither converts between index and address. Each API takes from the other's stack when its own is
 * empty. A slot is held through a handle exactly while its state word is positive (the address API never writes
 * state words here), so no separate handle bit is kept. Handles are checked as at every level. A closed pool has
 * empty stacks and a free bound of 0, so its fast paths fall through to the refusal without a flag test.</p>
 */
final class LeanPool extends SlotPool {
    private final Slabs slabs;
    private long[] freeAddress = new long[0];
    private int freeTop;
    /**
     * The free fast path's bound: the address stack's length while the pool is open and has never kept a slot, else
     * 0, so a free after close or of a pool that keeps slots takes the slow path without a flag test of its own.
     */
    private int freeLimit;

    LeanPool(EngineMemory engine, String name, int slotBytes, LevelGroup group, TagAccount tag, int salt, SlabSource source,
             long slabBytes) {
        super(engine, name, slotBytes, 0, group, tag, salt);
        this.slabs = new Slabs(stride, slabBytes, source, false);
    }

    @Override
    public long alloc() {
        int t = freeTop;
        if (t > 0 && !tag.budgeted) {
            freeTop = t - 1;
            countAlloc();
            return freeAddress[t - 1];
        }
        return allocSlow();
    }

    private long allocSlow() {
        if (closed) {
            return refuseClosed("alloc");
        }
        long a = take();
        try {
            chargeTag();
        } catch (RuntimeException e) {
            push(a);
            throw e;
        }
        countAlloc();
        return a;
    }

    @Override
    public void free(long address) {
        int t = freeTop;
        if (address != 0 && t < freeLimit) {
            freeAddress[t] = address;
            freeTop = t + 1;
            frees++;
            dischargeTag();
            return;
        }
        freeSlow(address);
    }

    @Override
    long allocIfFree() {
        int t = freeTop;
        if (t > 0 && !tag.budgeted) {
            freeTop = t - 1;
            countAlloc();
            return freeAddress[t - 1];
        }
        return t > 0 || top > 0 ? allocSlow() : 0;
    }

    @Override
    void freeOnOwnSlab(long address) {
        int t = freeTop;
        if (slabs.isSlotStart(address) && t < freeLimit) {
            freeAddress[t] = address;
            freeTop = t + 1;
            frees++;
            dischargeTag();
            return;
        }
        freeSlow(address);
    }

    private void freeSlow(long address) {
        if (address == 0) {
            return;
        }
        int idx = slabs.indexOf(address);
        if (closed) {
            refuseClosed("free");
        } else if (idx < 0) {
            foreign(address);
        } else if (freeTop == freeAddress.length) {
            doubleFree(idx, address, "free"); // the stack is full: more frees than slots
        } else {
            // A pool that ever kept a slot (keep()): the mark goes with the free, or a leak of the slot's next
            // owner would be left out of the report. Pools that never keep stay on the fast path above.
            setKept(idx, false);
            push(address);
            frees++;
            dischargeTag();
        }
    }

    @Override
    public int acquire() {
        int t = top;
        if (t > 0 && !tag.budgeted) {
            top = t - 1;
            countAlloc();
            return issue(freeStack[t - 1]);
        }
        return acquireSlow();
    }

    private int acquireSlow() {
        if (closed) {
            refuseClosed("acquire");
            return 0;
        }
        int idx = top > 0 ? freeStack[--top] : popIndex();
        if (idx < 0) {
            idx = freshSlot();
        }
        handlesIssued = true; // before anything can put an index on the stack the fast path pops without this test
        try {
            chargeTag();
        } catch (RuntimeException e) {
            pushFree(idx);
            throw e;
        }
        countAlloc();
        return issue(idx);
    }

    @Override
    public long address(int handle) {
        int idx = handle & HandleLayout.INDEX_MASK;
        if (handle > 0 && idx < states.length && states[idx] == handle) {
            return slabs.addressOf(idx);
        }
        return closed ? refuseClosed("address") : staleHandle(handle, "address");
    }

    @Override
    public void release(int handle) {
        int idx = handle & HandleLayout.INDEX_MASK;
        int[] st = states;
        if (handle > 0 && idx < st.length && st[idx] == handle) {
            st[idx] = handle | HandleLayout.FREE_BIT;
            if (pinnedSlots > 0) {
                clearSlotBits(idx);
            }
            if (keepBits != null) {
                setKept(idx, false);
            }
            frees++;
            dischargeTag();
            if (mustPark(handle)) {
                park(idx);
            } else {
                pushFree(idx);
            }
            return;
        }
        if (closed) {
            refuseClosed("release");
        } else {
            badRelease(handle);
        }
    }

    @Override
    public boolean isValid(int handle) {
        int idx = handle & HandleLayout.INDEX_MASK;
        return handle > 0 && idx < states.length && states[idx] == handle;
    }

    /**
     * Pops the address stack down to a slot of this pool, dropping addresses that are none (a misused free's: the
     * fast path takes any address). A misused free of a real slot start is not seen, as no misuse is at OFF.
     *
     * @return the slot's index, or -1 when the stack holds none
     */
    private int popIndex() {
        while (freeTop > 0) {
            int idx = slabs.indexOf(freeAddress[--freeTop]);
            if (idx >= 0) {
                return idx;
            }
        }
        return -1;
    }

    /** @return a free slot's address: from the address stack, else the index stack, else a fresh slot (growing if needed) */
    private long take() {
        return freeTop > 0 ? freeAddress[--freeTop] : slabs.addressOf(top > 0 ? freeStack[--top] : freshSlot());
    }

    private void push(long address) {
        if (freeTop < freeAddress.length) {
            freeAddress[freeTop++] = address;
        }
    }

    @Override
    void slotsGrew(int capacity) {
        freeAddress = Arrays.copyOf(freeAddress, capacity);
        freeLimit = closed || keepBits != null ? 0 : capacity;
    }

    @Override
    public void keep(long address) {
        int idx = slabs.indexOf(address);
        if (idx < 0) {
            if (closed) {
                refuseClosed("keep");
            } else {
                foreign(address);
            }
            return;
        }
        setKept(idx, true);
        freeLimit = 0; // from now on a free clears the slot's mark, on the slow path
    }

    @Override
    public void reserve(int slots) {
        if (slots > MAX_SLOTS) {
            throw new IllegalArgumentException(label + ": cannot reserve " + slots + " slots, at most " + MAX_SLOTS);
        }
        if (closed) {
            refuseClosed("reserve");
            return;
        }
        while (slabs.capacity() < slots) {
            grow();
        }
    }

    @Override
    public void close() {
        closeInternal(DiagnosticCode.EM602);
    }

    @Override
    void closeInternal(DiagnosticCode leakCode) {
        freeTop = 0;
        freeLimit = 0;
        super.closeInternal(leakCode);
    }

    @Override
    void dropFreeList() {
        freeTop = 0;
    }

    @Override
    boolean isLive(int idx) {
        return true;
    }

    /** The address API never writes state words here: a positive word is a live handle. */
    @Override
    boolean heldByHandle(int idx) {
        return states[idx] > 0;
    }

    @Override
    int freshSlot() {
        int idx = slabs.bump();
        if (idx < 0) {
            grow();
            idx = slabs.bump();
            if (idx < 0) {
                idx = popIndex(); // a slab a compaction freed, filled again
            }
        }
        return idx;
    }

    private void grow() {
        if (!slabs.hasAbsent()) {
            ensureSlots(slabs.indexLimit() + slabs.perSlab);
        }
        int before = slabs.numbered();
        int s = slabs.grow(name);
        if (slabs.numbered() == before) {
            for (int p = s * slabs.perSlab, end = p + slabs.perSlab; p < end; p++) {
                push(slabs.physicalAddress(p)); // the slab's slots, free since the compaction, generations kept
            }
        }
    }

    // ---------------------------------------------------------------- compaction hooks

    @Override
    Slabs storage() {
        return slabs;
    }

    @Override
    void freeUntouched(int idx) {
        push(slabs.addressOf(idx));
    }

    @Override
    void markFree(boolean[] free) {
        for (int i = 0; i < freeTop; i++) {
            int idx = slabs.indexOf(freeAddress[i]);
            if (idx >= 0) {
                free[idx] = true; // an address that is no slot here (a misused free) is dropped by the rebuild
            }
        }
        for (int i = 0; i < top; i++) {
            free[freeStack[i]] = true;
        }
        // Parked slots (generation wrapped) are not free: as move targets they would land on a slab about to go and
        // leave the cooling queue, back in use with their next generation at once. They keep their slab instead.
    }

    @Override
    void rebuildFreeLists(boolean[] free, Slabs s) {
        cooling.retainIf(idx -> onPresentSlab(s, idx));
        boolean[] parked = new boolean[free.length];
        for (int i = 0; i < cooling.size(); i++) {
            parked[cooling.get(i)] = true;
        }
        freeTop = 0;
        top = 0; // every free slot goes back on the address stack
        for (int idx = 0; idx < free.length; idx++) {
            if (free[idx] && !parked[idx] && onPresentSlab(s, idx)) {
                push(slabs.addressOf(idx));
            }
        }
    }

    @Override
    void freeDrained(long address) {
        free(address);
    }

    @Override
    void releaseDrained(int handle) {
        release(handle);
    }

    @Override
    long addressOf(int idx) {
        return slabs.addressOf(idx);
    }

    @Override
    int indexOf(long address) {
        return slabs.indexOf(address);
    }

    @Override
    void releaseStorage() {
        slabs.release();
    }

    @Override
    String siteOf(int idx) {
        return null;
    }

    /** OFF keeps no per-slot liveness for the address API: the leak is the live count, less the slots kept. */
    @Override
    LeakReport leaks() {
        LeakReport r = new LeakReport();
        long kept = 0;
        if (keepBits != null) {
            for (long w : keepBits) {
                kept += Long.bitCount(w);
            }
        }
        long n = Math.max(0, liveSlots() - kept);
        if (n > 0) {
            r.add("? (debug=OFF records no sites; set debug=SIMPLE or PARANOID)", n, n * slotBytes);
        }
        return r;
    }

    @Override public int capacity() { return slabs.capacity(); }

    @Override public int slabs() { return slabs.count(); }

    @Override public long reservedBytes() { return slabs.count() * slabs.slabBytes; }

    @Override public int quarantined() { return 0; }
}
