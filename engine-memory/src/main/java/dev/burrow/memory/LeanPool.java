package dev.burrow.memory;

/**
 * The pool at {@link DebugLevel#OFF}: slabs, a stack of free indices, nothing else on the hot path.
 *
 * <p>{@code alloc} pops an index and turns it into an address; {@code free} turns the address back into an index
 * (refusing foreign and interior pointers, which the lookup finds for free) and pushes it. Neither reads nor writes
 * slot memory, nor the state words: like {@code malloc}, a double free or a call from another thread is undefined
 * here. Handles keep their state words and are checked as at every level. A closed pool has no slabs in its table
 * and an empty stack, so its fast paths fall through to the refusal without a flag test.</p>
 */
final class LeanPool extends SlotPool {
    private final Slabs slabs;

    LeanPool(EngineMemory engine, String name, int slotBytes, LevelGroup group, TagAccount tag, int salt, SlabSource source,
             long slabBytes) {
        super(engine, name, slotBytes, 0, group, tag, salt);
        this.slabs = new Slabs(stride, slabBytes, source, false);
    }

    @Override
    public long alloc() {
        if (top > 0 && !tag.budgeted) {
            int idx = freeStack[--top];
            countAlloc();
            return slabs.addressOf(idx);
        }
        return allocSlow();
    }

    private long allocSlow() {
        if (closed) {
            return refuseClosed("alloc");
        }
        int idx = takeSlot();
        try {
            chargeTag();
        } catch (RuntimeException e) {
            pushFree(idx);
            throw e;
        }
        countAlloc();
        return slabs.addressOf(idx);
    }

    @Override
    public void free(long address) {
        int idx = slabs.indexOf(address);
        if (idx >= 0 && top < freeStack.length) {
            freeStack[top++] = idx;
            live--;
            dischargeTag();
            return;
        }
        freeSlow(address, idx);
    }

    private void freeSlow(long address, int idx) {
        if (address == 0) {
            return;
        }
        if (closed) {
            refuseClosed("free");
        } else if (idx < 0) {
            foreign(address);
        } else {
            doubleFree(idx, address, "free"); // the stack is full: more frees than slots
        }
    }

    @Override
    public int acquire() {
        if (closed) {
            refuseClosed("acquire");
            return 0;
        }
        int idx = takeSlot();
        try {
            chargeTag();
        } catch (RuntimeException e) {
            pushFree(idx);
            throw e;
        }
        countAlloc();
        handlesIssued = true;
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
        if (handle > 0 && idx < states.length && states[idx] == handle) {
            states[idx] = handle | HandleLayout.FREE_BIT;
            live--;
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
    int freshSlot() {
        int idx = slabs.bump();
        if (idx < 0) {
            grow();
            idx = slabs.bump();
        }
        return idx;
    }

    private void grow() {
        ensureSlots(slabs.capacity() + slabs.perSlab);
        slabs.grow(name);
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
        long n = Math.max(0, live - kept);
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
