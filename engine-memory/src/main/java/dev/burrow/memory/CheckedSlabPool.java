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
        int idx = slabs.bump();
        return idx >= 0 ? idx : freeStack[--top]; // a slab a compaction freed, filled again
    }

    private void grow() {
        if (!slabs.hasAbsent()) {
            ensureSlots(slabs.indexLimit() + slabs.perSlab);
        }
        int before = slabs.numbered();
        int s = slabs.grow(name);
        if (slabs.numbered() == before) {
            // Its slots were freed (poisoned) before the compaction and keep their generations: new memory gets
            // the poison their next allocation checks for.
            org.lwjgl.system.MemoryUtil.memSet(slabs.baseOf(s), Poison.BYTE, slabs.slabBytes);
            for (int p = s * slabs.perSlab, end = p + slabs.perSlab; p < end; p++) {
                pushFree(slabs.logicalAt(p));
            }
        }
    }

    @Override
    Slabs storage() {
        return slabs;
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
        return idx < slabs.indexLimit() ? slabs.siteOf(idx) : null;
    }

    @Override public int capacity() { return slabs.capacity(); }

    @Override public int slabs() { return slabs.count(); }

    @Override public long reservedBytes() { return slabs.count() * slabs.slabBytes; }
}
