package dev.burrow.memory;

import org.lwjgl.system.MemoryStack;

/**
 * The frame stack below {@link DebugLevel#OFF}: an allocation, {@code push()}, {@code pop()} or {@code setPointer}
 * from a thread other than the arena's owner ({@code EM301}) or outside {@code begin()}/{@code end()} ({@code EM001}),
 * and a {@code pop()} with no {@code push()} of this frame left to pair with ({@code EM015}), is refused before the
 * stack pointer moves. Refusals always throw: a stack call has no way to return "nothing", and
 * the memory it would have handed out is the owner's (another thread) or poisoned and checked at the next
 * {@code begin()} (outside a frame).
 */
final class CheckedFrameStack extends FrameStack {

    CheckedFrameStack(FrameArena arena, long address, int size) {
        super(arena, address, size);
    }

    private boolean admitted() {
        return Thread.currentThread() == arena.owner && arena.inFrame();
    }

    @Override
    public long nmalloc(int alignment, int size) {
        if (!admitted()) {
            arena.refuseStack("stack allocation of " + size + " bytes");
        }
        return super.nmalloc(alignment, size);
    }

    @Override
    public MemoryStack push() {
        if (!admitted()) {
            arena.refuseStack("push()");
        }
        return super.push();
    }

    @Override
    public MemoryStack pop() {
        if (!admitted()) {
            arena.refuseStack("pop()");
        }
        if (frameIndex == 0) {
            // MemoryStack would index frames[-1]: an ArrayIndexOutOfBoundsException, its index left at -1 until end().
            arena.refuseUnbalancedPop();
        }
        return super.pop();
    }

    @Override
    public void setPointer(int pointer) {
        if (!admitted()) {
            arena.refuseStack("setPointer(" + pointer + ")");
        }
        super.setPointer(pointer);
    }
}
