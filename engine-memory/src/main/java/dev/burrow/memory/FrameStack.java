package dev.burrow.memory;

import org.lwjgl.system.MemoryStack;

/**
 * The LWJGL {@link MemoryStack} a {@link FrameArena} lays over its block. It is a real MemoryStack, so every
 * LWJGL call that takes a stack accepts it; it only adds a low-water mark (the deepest the pointer went this
 * frame, for high-water statistics and poisoning) and a way to drop unpopped frames at frame end.
 */
final class FrameStack extends MemoryStack {
    private int lowWater;

    FrameStack(long address, int size) {
        super(null, address, size);
        lowWater = size;
    }

    @Override
    public long nmalloc(int alignment, int size) {
        long address = super.nmalloc(alignment, size);
        int p = getPointer();
        if (p < lowWater) {
            lowWater = p;
        }
        return address;
    }

    /** Moves the pointer for a {@link FrameArena} allocation and tracks the low water. */
    void bump(int pointer) {
        setPointer(pointer);
        if (pointer < lowWater) {
            lowWater = pointer;
        }
    }

    int lowWater() {
        return lowWater;
    }

    /** Frame end: empty the stack, forget unpopped push() frames, restart the low water. */
    void reset() {
        setPointer(getSize());
        frameIndex = 0;
        lowWater = getSize();
    }
}
