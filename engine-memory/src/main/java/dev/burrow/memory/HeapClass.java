package dev.burrow.memory;

/** One size class of one heap: what {@link SlabDirectory} hands back for an address, so a free finds pool and owner. */
final class HeapClass {
    final SizeClassHeap heap;
    final int index;
    final int bytes;
    SlotPool pool; // set right after the pool is built (its slab source needs this object first)

    HeapClass(SizeClassHeap heap, int index) {
        this.heap = heap;
        this.index = index;
        this.bytes = SizeClasses.BYTES[index];
    }
}
