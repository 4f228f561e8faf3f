package dev.burrow.memory;

import org.lwjgl.system.MemoryStack;

/**
 * The LWJGL {@link MemoryStack} a {@link FrameArena} lays over the top of its block. It is a real MemoryStack, so
 * every LWJGL call that takes a stack accepts it; it grows down from the top while {@link FrameArena#alloc} grows up
 * from the bottom, so {@code pop()} never takes back a {@code frame.alloc} and a frame rollback never takes back a
 * stack allocation.
 *
 * <p>An allocation that would reach the arena's own allocations (or the bottom of the block) does not throw LWJGL's
 * {@code OutOfMemoryError}: it spills into a block of its own, freed at the frame's {@code end()}. The stack object
 * is the arena's for life: when the arena's block grows, the stack is moved onto the new block, so a stack kept
 * from an earlier frame stays valid; after {@link FrameArena#release()} every allocation through it is refused
 * ({@code EM006}, thrown: a stack call has no way to return "nothing").</p>
 */
class FrameStack extends MemoryStack {
    final FrameArena arena;
    /** The lowest address the stack reached since the frame began: frame allocations stay below it. */
    long lowAddress;

    FrameStack(FrameArena arena, long address, int size) {
        super(null, address, size);
        this.arena = arena;
        this.lowAddress = address + size;
    }

    @Override
    public long nmalloc(int alignment, int size) {
        long a = (address + getPointer() - size) & -(long) alignment;
        if (size >= 0 && a >= arena.cursor && a >= address && alignment > 0 && Integer.bitCount(alignment) == 1) {
            super.setPointer((int) (a - address));
            if (a < lowAddress) {
                lowAddress = a;
                if (arena.limit > a) {
                    arena.limit = a;
                }
            }
            return a;
        }
        return arena.stackSpill(alignment, size);
    }

    /** Refuses a pointer that would put stack allocations over the arena's own (or outside the block). */
    @Override
    public void setPointer(int pointer) {
        if (pointer < 0 || pointer > getSize() || address + pointer < arena.cursor) {
            throw new IllegalArgumentException("setPointer(" + pointer + ") on the frame arena's stack: must be in ["
                + Math.max(0, arena.cursor - address) + ", " + getSize() + "]");
        }
        super.setPointer(pointer);
        if (address + pointer < lowAddress) {
            lowAddress = address + pointer;
            if (arena.limit > lowAddress) {
                arena.limit = lowAddress;
            }
        }
    }

    /** @return the absolute address of the stack's current top of allocations */
    long pointerAddress() {
        return address + getPointer();
    }

    /** Frame end: empty the stack, forget unpopped push() frames, restart the low-water mark. */
    void reset() {
        super.setPointer(getSize());
        frameIndex = 0;
        lowAddress = address + getSize();
    }

    /** Frame begin: the low-water mark starts where the stack is. */
    void startFrame() {
        lowAddress = address + getPointer();
    }

    /** Lays the stack over a new block whose top is {@code top} (the arena grew). Only between frames. */
    void moveTo(long top) {
        address = top - getSize();
        reset();
    }
}
