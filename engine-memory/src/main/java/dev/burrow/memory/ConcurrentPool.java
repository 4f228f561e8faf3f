package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Pool} whose slots may be freed or released from any thread. Allocation stays with the owner thread.
 *
 * <p>A free from another thread pushes the slot on a lock-free intrusive stack (the slot's first 8 bytes hold the
 * next address, the next 4 the handle, or 0 for an address free): one CAS, no Java heap. The owner takes the
 * whole stack with one {@code getAndSet} in {@link #drain()} (which {@code alloc} calls before it grows the pool)
 * and frees each slot locally, with the usual double-free and stale-handle checks. Only the owner pops, so
 * there is no ABA problem. A slot pushed twice by a racing double free forms a cycle; draining stops at the
 * first slot it finds already free and reports the double free.</p>
 */
public final class ConcurrentPool extends Pool {
    private final AtomicLong deferred = new AtomicLong();

    ConcurrentPool(EngineMemory engine, String name, int slotBytes, TagAccount tag) {
        super(engine, name, slotBytes, null, true, tag);
    }

    @Override
    public void free(long address) {
        if (isOwnerThread() || address == 0) {
            super.free(address);
        } else {
            push(address, 0);
        }
    }

    @Override
    public void release(int handle) {
        if (isOwnerThread()) {
            super.release(handle);
        } else if (handle > 0) {
            // The slab table only grows, so reading an existing slot's address from another thread is safe.
            long address = addressOf(handle & INDEX_MASK);
            push(address, handle);
        } else {
            super.release(handle); // diagnosed as stale
        }
    }

    private void push(long address, int handle) {
        if (isClosedFlag()) {
            super.free(address); // diagnosed as use of a closed pool
            return;
        }
        MemoryUtil.memPutInt(address + 8, handle);
        long head;
        do {
            head = deferred.get();
            MemoryUtil.memPutLong(address, head);
        } while (!deferred.compareAndSet(head, address));
    }

    @Override
    public void drain() {
        if (!isOwnerThread() || deferred.get() == 0) {
            return;
        }
        long a = deferred.getAndSet(0);
        while (a != 0) {
            long next = MemoryUtil.memGetLong(a);
            int handle = MemoryUtil.memGetInt(a + 8);
            int idx = indexOf(a);
            if (idx >= 0 && !isLive(idx)) {
                freeDrained(a, handle); // reports the double free
                break;                  // the rest of the chain was already drained: a cycle
            }
            freeDrained(a, handle);
            a = next;
        }
    }

    /** @return whether frees from other threads are waiting for {@link #drain()} */
    public boolean hasDeferred() {
        return deferred.get() != 0;
    }

    @Override
    public boolean isConcurrent() {
        return true;
    }
}
