package dev.burrow.memory;

/**
 * The frame stack below {@link DebugLevel#OFF}: an allocation from a thread other than the arena's owner
 * ({@code EM301}) or outside {@code begin()}/{@code end()} ({@code EM001}) is refused before the stack pointer moves.
 * Refusals always throw: a stack call has no way to return "nothing", and the memory it would have handed out is the
 * owner's (another thread) or poisoned and checked at the next {@code begin()} (outside a frame).
 */
final class CheckedFrameStack extends FrameStack {

    CheckedFrameStack(FrameArena arena, long address, int size) {
        super(arena, address, size);
    }

    @Override
    public long nmalloc(int alignment, int size) {
        if (Thread.currentThread() != arena.owner || !arena.inFrame()) {
            arena.refuseStack(size);
        }
        return super.nmalloc(alignment, size);
    }
}
