package dev.burrow.memory;

import java.util.Arrays;

/**
 * The pool under the kill switch ({@link MemoryConfig#systemAllocator}): every slot is its own system
 * {@code malloc}, so valgrind and sanitizers see each one, with {@link CheckedPool}'s rules at every debug level.
 *
 * <p>A slot's memory is freed to the C library when the slot leaves the quarantine, not at {@code free}: the address
 * stays known (an address-to-slot map on the Java side), so a double free is diagnosed here and never reaches libc.
 * When libc hands that address to a new slot of this pool, the map follows it.</p>
 */
final class MallocPool extends CheckedPool {
    private final NativeHeap heap;
    private final long align;
    private long[] address = new long[0];
    private String[] site = new String[0];
    private final LongIntMap slotOf = new LongIntMap();
    private int count;
    private int backed;

    MallocPool(EngineMemory engine, String name, int slotBytes, TagAccount tag, int salt) {
        super(engine, name, slotBytes, null, tag, salt);
        this.heap = engine.heap();
        this.align = Math.max(slotAlign, NativeHeap.MALLOC_ALIGN);
    }

    @Override
    int unusedSlot() {
        ensureSlots(count + 1);
        boolean grew = count == address.length;
        if (grew) {
            int cap = Math.max(16, count * 2);
            address = Arrays.copyOf(address, cap);
            site = Arrays.copyOf(site, cap);
        }
        // Sampled site: one per growth of the bookkeeping arrays, like one per slab on slabs.
        site[count] = count == 0 || grew ? AllocationSite.capture() : site[count - 1];
        return count++;
    }

    @Override
    int grownSlot() {
        return unusedSlot();
    }

    @Override
    boolean back(int idx) {
        if (address[idx] > 0) {
            return true; // still holds the memory it was freed with (quarantined or parked)
        }
        long a = heap.malloc(stride, align, name);
        long old = -address[idx];
        if (old != 0 && slotOf.get(old) == idx) {
            slotOf.remove(old);
        }
        address[idx] = a;
        slotOf.put(a, idx);
        backed++;
        return false;
    }

    /**
     * Leaving the quarantine: the poison is checked (a write after free is caught here, since this slot's memory is
     * not reused by the pool), then the memory goes back to libc; the address stays known until libc reuses it.
     */
    @Override
    void recycle(int idx) {
        long a = address[idx];
        boolean damaged = false;
        if (a > 0) {
            damaged = !poisonIntact(a);
            heap.free(a, stride, align);
            address[idx] = -a;
            backed--;
        }
        pushFree(idx);
        if (damaged) {
            writeAfterFree(idx, a); // last: in strict mode it throws, with the pool already consistent
        }
    }

    @Override
    public void reserve(int slots) {
        if (slots > MAX_SLOTS) {
            throw new IllegalArgumentException(label + ": cannot reserve " + slots + " slots, at most " + MAX_SLOTS);
        }
        if (!admitOwner("reserve")) {
            return;
        }
        if (closed) {
            refuseClosed("reserve");
            return;
        }
        // Each slot is its own malloc when it is used; what can be paid now is the bookkeeping, so that slots
        // parked by wrapped generations or held in the quarantine never grow the arrays mid-game.
        if (slots > address.length) {
            ensureSlots(slots);
            address = Arrays.copyOf(address, slots);
            site = Arrays.copyOf(site, slots);
            slotOf.ensureCapacity(slots);
        }
    }

    @Override
    long addressOf(int idx) {
        return Math.abs(address[idx]);
    }

    @Override
    int indexOf(long a) {
        if (a == 0) {
            return -1;
        }
        int idx = slotOf.get(a);
        return idx >= 0 && Math.abs(address[idx]) == a ? idx : -1;
    }

    @Override
    void releaseStorage() {
        for (int i = 0; i < count; i++) {
            if (address[i] > 0) {
                heap.free(address[i], stride, align);
                address[i] = -address[i];
            }
        }
        backed = 0;
    }

    @Override
    String sampledSite(int idx) {
        return idx < count ? site[idx] : null;
    }

    @Override public int capacity() { return count; }

    @Override public int slabs() { return backed; }

    @Override public long reservedBytes() { return (long) backed * stride; }
}
