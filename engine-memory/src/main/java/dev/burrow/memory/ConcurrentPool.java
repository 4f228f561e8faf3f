package dev.burrow.memory;

/**
 * A {@link Pool} whose slots any thread may {@link #free} or {@link #release}; allocation stays with the owner.
 *
 * <p>A free or release from another thread never touches slot memory: the address or handle travels as a value
 * through a bounded multi-producer ring ({@code MpscLongRing}, one CAS, no Java heap) to the owner, which drains it
 * before it allocates and validates each value exactly as its own frees are validated (at SIMPLE and PARANOID:
 * foreign and interior pointers, double frees, stale handles are refused with their codes). A full ring does not
 * block the freeing thread and does not lose the free: the value goes to an overflow list under a lock (the one
 * path that may allocate), drained the same way, and counted ({@link #deferredOverflows()}). A free from another
 * thread after the pool closed is refused ({@code EM105}).</p>
 *
 * <p>The pool checks the calling thread at every debug level, because that is how it routes a free; the owner's
 * own operations then cost what the pool of its level costs, plus one check of the ring.</p>
 */
public final class ConcurrentPool extends Pool {
    /** Ring cells per concurrent pool. */
    static final int RING_CELLS = 4096;
    private static final long HANDLE_TAG = 1L << 63;

    private final SlotPool inner;
    private final MpscLongRing ring;
    private volatile boolean closing;

    ConcurrentPool(SlotPool inner, int ringCells) {
        this.inner = inner;
        this.ring = new MpscLongRing(ringCells);
    }

    private boolean onOwner() {
        return Thread.currentThread() == inner.owner;
    }

    @Override
    public long alloc() {
        if (!onOwner()) {
            return inner.refuseThread("alloc");
        }
        if (ring.mayHaveValues()) {
            drainNow();
        }
        return inner.alloc();
    }

    @Override
    public int acquire() {
        if (!onOwner()) {
            inner.refuseThread("acquire");
            return 0;
        }
        if (ring.mayHaveValues()) {
            drainNow();
        }
        return inner.acquire();
    }

    @Override
    public void free(long address) {
        if (address == 0) {
            return;
        }
        if (onOwner()) {
            inner.free(address);
        } else if (address < 0) {
            inner.foreign(address); // no slot has a negative address; it must not pass for a handle in the ring
        } else {
            handOver(address, "free");
        }
    }

    @Override
    public void release(int handle) {
        if (onOwner()) {
            inner.release(handle);
        } else if (handle <= 0) {
            inner.staleHandle(handle, "release"); // never a handle: no need to bother the owner
        } else {
            handOver(HANDLE_TAG | handle, "release");
        }
    }

    private void handOver(long value, String op) {
        if (closing) {
            inner.refuseClosed(op);
            return;
        }
        ring.offer(value);
    }

    @Override
    public void drain() {
        if (onOwner()) {
            drainNow();
        }
    }

    private void drainNow() {
        for (long v = ring.poll(); v != 0; v = ring.poll()) {
            apply(v);
        }
        ring.drainOverflow(this::apply);
    }

    private void apply(long value) {
        if (value < 0) {
            inner.releaseDrained((int) value);
        } else {
            inner.freeDrained(value);
        }
    }

    /** @return whether frees from other threads are waiting for {@link #drain()} */
    public boolean hasDeferred() {
        return ring.mayHaveValues();
    }

    @Override
    public long address(int handle) {
        if (!onOwner()) {
            return inner.refuseThread("address");
        }
        return inner.address(handle);
    }

    @Override
    public boolean isValid(int handle) {
        return inner.isValid(handle);
    }

    @Override
    public void keep(long address) {
        if (!onOwner()) {
            inner.refuseThread("keep");
            return;
        }
        inner.keep(address);
    }

    @Override
    public void reserve(int slots) {
        if (!onOwner()) {
            inner.refuseThread("reserve");
            return;
        }
        inner.reserve(slots);
    }

    @Override
    public void claim() {
        inner.claim();
    }

    @Override
    public void pin(int handle) {
        if (!onOwner()) {
            inner.refuseThread("pin");
            return;
        }
        inner.pin(handle);
    }

    @Override
    public void unpin(int handle) {
        if (!onOwner()) {
            inner.refuseThread("unpin");
            return;
        }
        inner.unpin(handle);
    }

    /** Applies the frees other threads handed over first, so their slots count as free. */
    @Override
    public int compact() {
        if (!onOwner()) {
            inner.refuseThread("compact");
            return 0;
        }
        drainNow();
        return inner.compact();
    }

    @Override public long compactions() { return inner.compactions(); }

    @Override public long slabsReturned() { return inner.slabsReturned(); }

    @Override public long slotsMoved() { return inner.slotsMoved(); }

    @Override public int pinned() { return inner.pinned(); }

    @Override
    public void close() {
        if (!onOwner() && !inner.isClosed()) {
            inner.refuseThread("close");
            return;
        }
        closeInternal(DiagnosticCode.EM602);
    }

    @Override
    void closeInternal(DiagnosticCode leakCode) {
        if (inner.isClosed()) {
            return;
        }
        closing = true;
        MemoryDiagnosticException first = null;
        for (;;) { // frees handed over but not yet applied are not leaks; a refused one must not stop the close
            try {
                drainNow();
                break;
            } catch (MemoryDiagnosticException e) {
                first = first == null ? e : first;
            }
        }
        try {
            inner.closeInternal(leakCode);
        } finally {
            inner.engine.forget(this);
        }
        if (first != null) {
            throw first;
        }
    }

    @Override public String name() { return inner.name(); }

    @Override public int slotBytes() { return inner.slotBytes(); }

    @Override public int strideBytes() { return inner.strideBytes(); }

    @Override public int slotAlignment() { return inner.slotAlignment(); }

    @Override public int live() { return inner.live(); }

    @Override public int peakLive() { return inner.peakLive(); }

    @Override public int capacity() { return inner.capacity(); }

    @Override public int slabs() { return inner.slabs(); }

    @Override public long reservedBytes() { return inner.reservedBytes(); }

    @Override public int retired() { return inner.retired(); }

    @Override public int parkedLimit() { return inner.parkedLimit(); }

    @Override public int quarantined() { return inner.quarantined(); }

    @Override public int kept() { return inner.kept(); }

    @Override public long allocs() { return inner.allocs(); }

    @Override public long frees() { return inner.frees(); }

    @Override public boolean isClosed() { return inner.isClosed(); }

    @Override public LevelGroup group() { return null; }

    @Override public DebugLevel debugLevel() { return inner.debugLevel(); }

    @Override public boolean isConcurrent() { return true; }

    @Override public long deferredOverflows() { return ring.overflows(); }

    @Override long tagBytes() { return inner.tagBytes(); }

    @Override TagAccount tag() { return inner.tag(); }
}
