package dev.burrow.memory;

/** The checked pool on slabs: {@link CheckedPool}'s rules over {@link Slabs}. */
final class CheckedSlabPool extends CheckedPool {
    private final Slabs slabs;

    CheckedSlabPool(EngineMemory engine, String name, int slotBytes, LevelGroup group, TagAccount tag, int salt,
                    SlabSource source, long slabBytes) {
        super(engine, name, slotBytes, group, tag, salt);
        this.slabs = new Slabs(stride, slabBytes, source, true);
    }

    @Override
    int unusedSlot() {
        return slabs.bump();
    }

    @Override
    int grownSlot() {
        grow();
        return slabs.bump();
    }

    private void grow() {
        ensureSlots(slabs.capacity() + slabs.perSlab);
        slabs.grow(name);
    }

    @Override
    boolean back(int idx) {
        return states[idx] != 0; // every free poisons the slot; a never-used one has word 0
    }

    @Override
    public void reserve(int slots) {
        if (slots > MAX_SLOTS) {
            throw new IllegalArgumentException(label + ": cannot reserve " + slots + " slots, at most " + MAX_SLOTS);
        }
        if (Thread.currentThread() != owner) {
            refuseThread("reserve");
        } else if (closed) {
            refuseClosed("reserve");
        } else {
            while (slabs.capacity() < slots) {
                grow();
            }
        }
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
    String sampledSite(int idx) {
        return idx < slabs.capacity() ? slabs.siteOf(idx) : null;
    }

    @Override public int capacity() { return slabs.capacity(); }

    @Override public int slabs() { return slabs.count(); }

    @Override public long reservedBytes() { return slabs.count() * slabs.slabBytes; }
}
