package dev.burrow.memory;

import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.lang.management.ManagementFactory;

/**
 * A per-thread bump arena for memory that lives one frame. Obtain it with {@link EngineMemory#frame()}.
 *
 * <h2>How it works</h2>
 * <p>The arena owns one native block and lays an LWJGL {@link MemoryStack} over it ({@link #stack()}), so memory
 * from {@link #alloc} and from the stack's own {@code push()/malloc*()} is the same memory, bumped downward from
 * the top by the same pointer. {@link #end()} resets that pointer: freeing a whole frame costs O(1), whatever was
 * allocated in it.</p>
 *
 * <h2>Overflow</h2>
 * <p>A frame that outgrows the block does not crash: the allocation that does not fit, and every later one in
 * the frame, bump in <em>spill blocks</em> from the native heap. {@link #end()} frees them, and the next
 * {@link #begin()} replaces the block by one big enough for the frame that overflowed (diagnostic {@code EM002}
 * says the size). Because the block can be replaced, fetch {@link #stack()} each frame rather than keeping it.</p>
 *
 * <h2>Marks</h2>
 * <p>{@link #mark()} and {@link #rollback(long)} free everything allocated after a point, e.g. a failed attempt
 * inside a frame. A mark is a {@code long} carrying the frame number, so a mark from another frame is refused.</p>
 *
 * <h2>Cost</h2>
 * <p>{@code alloc}: a flag test, an add, an and, a compare, a store. {@code begin/end}: O(1), plus a memset of the
 * bytes used when the debug level poisons ({@link DebugLevel#SIMPLE} and up) and a scan of them at the next
 * {@code begin} to catch writes after {@code end}. None of them allocates Java heap.</p>
 *
 * <p>Under the kill switch ({@link MemoryConfig#systemAllocator}) every {@code alloc} is its own system malloc,
 * freed at {@code end} or {@code rollback}, so memory tools see each one.</p>
 */
public final class FrameArena {
    static final byte POISON = (byte) 0xCD;
    static final long POISON_LONG = 0xCDCDCDCDCDCDCDCDL;
    /** The largest single frame allocation: marks keep offsets in 31 bits. */
    public static final long MAX_ALLOC = 1L << 30;
    private static final long SPILL_FLAG = 1L << 39;
    private static final long SEQ_SHIFT = 40;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final EngineMemory engine;
    private final NativeHeap heap;
    private final Diagnostics diagnostics;
    private DebugLevel debug;
    private boolean poison;
    private final boolean perAllocMalloc;
    private final Thread owner;
    private final String threadName;

    private FrameStack stack;
    private long base;
    private int size;

    private boolean inFrame;
    private long frameNumber;
    private int poisonedFrom = -1;

    // Spill: the blocks past the main one, bumping in the last; under the kill switch every alloc is a block.
    private final BlockList spill = new BlockList();
    private boolean spilling;
    private boolean overflowedThisFrame;
    private long spillOffset;
    private long spillUsed;
    private long[] spillMarks = new long[16];
    private int spillMarkCount;

    private long growTo;
    private long lastUsed;
    private long highWater;
    private long overflows;
    private long heapAtBegin;
    private long lastFrameHeapBytes;
    private boolean released;
    private GuardTracker guards;

    FrameArena(EngineMemory engine, NativeHeap heap, Diagnostics diagnostics, MemoryConfig config, Thread owner) {
        this.engine = engine;
        this.heap = heap;
        this.diagnostics = diagnostics;
        this.debug = engine.debugLevel();
        this.poison = debug != DebugLevel.OFF;
        this.perAllocMalloc = heap.isSystem();
        this.owner = owner;
        this.threadName = owner.getName();
        this.guards = debug == DebugLevel.PARANOID ? new GuardTracker("frame arena of thread \"" + threadName + "\"", diagnostics) : null;
        installBlock((int) config.frameArenaBytes());
    }

    private void installBlock(int bytes) {
        base = heap.malloc(bytes, 64, "frame");
        size = bytes;
        stack = new FrameStack(base, bytes);
        poisonedFrom = -1;
    }

    /**
     * Starts a frame. Everything allocated until {@link #end()} is freed by it.
     * A {@code begin()} inside a frame is diagnosed ({@code EM003}) and ignored.
     */
    public void begin() {
        if (debug == DebugLevel.PARANOID) {
            checkOwner("begin");
        }
        if (inFrame) {
            diagnostics.report(DiagnosticCode.EM003, "begin() inside frame " + frameNumber + " of " + describe(), null, describe() + "begin");
            return;
        }
        if (growTo > 0) {
            grow();
        }
        if (poisonedFrom >= 0) {
            checkPoison();
        }
        if (debug != engine.debugLevel()) {
            switchLevel(engine.debugLevel()); // between frames nothing is live: the level can change here
        }
        inFrame = true;
        frameNumber++;
        heapAtBegin = THREADS.getCurrentThreadAllocatedBytes();
        if (perAllocMalloc) {
            spilling = true; // every allocation is a spill block of its own
        }
    }

    /**
     * Ends the frame: frees every frame allocation in O(1) (plus spill blocks), resets {@link #stack()}, poisons
     * the used bytes at {@link DebugLevel#SIMPLE} and up. An {@code end()} outside a frame is diagnosed ({@code EM003}).
     */
    public void end() {
        if (debug == DebugLevel.PARANOID) {
            checkOwner("end");
        }
        if (!inFrame) {
            diagnostics.report(DiagnosticCode.EM003, "end() outside a frame of " + describe(), null, describe() + "end");
            return;
        }
        MemoryDiagnosticException overrun = null;
        if (guards != null) {
            try {
                guards.checkAll();
            } catch (MemoryDiagnosticException e) {
                overrun = e; // strict mode: end the frame first, then throw
            }
            guards.clear();
        }
        int low = stack.lowWater();
        long used = (size - low) + spillUsed;
        lastUsed = used;
        if (used > highWater) {
            highWater = used;
        }
        if (poison && low < size) {
            MemoryUtil.memSet(base + low, POISON, size - low);
            poisonedFrom = low;
        }
        if (spill.count() > 0) {
            spill.freeFrom(0, heap);
        }
        spilling = false;
        overflowedThisFrame = false;
        spillOffset = 0;
        spillUsed = 0;
        spillMarkCount = 0;
        stack.reset();
        inFrame = false;
        lastFrameHeapBytes = THREADS.getCurrentThreadAllocatedBytes() - heapAtBegin;
        engine.events().frameEnd(this);
        if (overrun != null) {
            throw overrun;
        }
    }

    /**
     * Allocates {@code bytes} aligned to {@code align} in the current frame. The memory is not cleared.
     *
     * @param bytes size, {@code 0 <= bytes <= MAX_ALLOC}
     * @param align a power of two
     * @return the address, valid until {@link #end()} or a rollback past it; 0 when refused (outside a frame,
     *         non-strict mode)
     */
    public long alloc(long bytes, int align) {
        if (!inFrame) {
            return outsideFrame(bytes);
        }
        if (guards == null && !spilling) {
            long p = (base + stack.getPointer() - bytes) & -(long) align;
            if (p >= base && bytes >= 0 && bytes <= size && Integer.bitCount(align) == 1) {
                stack.bump((int) (p - base));
                return p;
            }
        }
        return allocSlow(bytes, align);
    }

    /**
     * {@link #alloc} and zero the bytes.
     *
     * @param bytes size
     * @param align a power of two
     * @return the address, or 0 when refused
     */
    public long calloc(long bytes, int align) {
        long p = alloc(bytes, align);
        if (p != 0) {
            MemoryUtil.memSet(p, 0, bytes);
        }
        return p;
    }

    private long allocSlow(long bytes, int align) {
        if (bytes < 0 || bytes > MAX_ALLOC) {
            throw new IllegalArgumentException("frame allocation of " + bytes + " bytes: must be in [0, " + MAX_ALLOC + "]");
        }
        Alignment.check(align);
        if (debug == DebugLevel.PARANOID) {
            checkOwner("alloc");
        }
        long total = guards != null ? bytes + GuardTracker.GUARD_BYTES : bytes;
        long p;
        if (!spilling) {
            p = (base + stack.getPointer() - total) & -(long) align;
            if (p >= base && total <= size) {
                stack.bump((int) (p - base));
            } else {
                p = spillAlloc(total, align);
            }
        } else {
            p = spillAlloc(total, align);
        }
        if (guards != null) {
            guards.add(p, bytes, AllocationSite.capture());
        }
        return p;
    }

    private long spillAlloc(long bytes, int align) {
        if (!spilling) {
            spilling = true;
            overflowed(bytes, align);
        }
        if (!perAllocMalloc && spill.count() > 0) {
            long start = spill.last();
            long p = (start + spillOffset + align - 1) & -(long) align;
            if (p + bytes <= start + spill.lastBytes()) {
                spillUsed += p + bytes - (start + spillOffset);
                spillOffset = p + bytes - start;
                return p;
            }
        }
        if (perAllocMalloc && !overflowedThisFrame && (size - stack.lowWater()) + spillUsed + bytes > size) {
            overflowed(bytes, align); // same diagnostics as the block would give, so both modes agree
        }
        // A new block: exactly the request under the kill switch, else at least the main block's size.
        long blockBytes = perAllocMalloc ? Math.max(bytes, 1) : Math.max(bytes + align, size);
        long blockAlign = Math.max(align, NativeHeap.MALLOC_ALIGN);
        long start = heap.malloc(blockBytes, blockAlign, "frame");
        spill.add(start, blockBytes, blockAlign);
        long p = (start + align - 1) & -(long) align;
        spillOffset = p + bytes - start;
        spillUsed += spillOffset;
        return p;
    }

    private void overflowed(long bytes, int align) {
        overflowedThisFrame = true;
        overflows++;
        long need = (size - stack.lowWater()) + spillUsed + bytes + align;
        long suggested = Long.highestOneBit(Math.max(need, size) * 2 - 1);
        growTo = Math.max(growTo, Math.min(suggested, 1L << 30));
        diagnostics.report(DiagnosticCode.EM002, "frame " + frameNumber + " of " + describe() + " outgrew its "
            + size + "-byte block asking for " + bytes + " bytes; spilling for the rest of the frame, next frame grows to "
            + growTo + " bytes (suggested frameArenaBytes)", null, describe() + "overflow");
        engine.events().overflow(this, bytes, growTo);
    }

    private long outsideFrame(long bytes) {
        diagnostics.report(DiagnosticCode.EM001, "frame allocation of " + bytes + " bytes outside begin()/end() in "
            + describe(), null, describe() + "outside");
        return 0;
    }

    /**
     * @return a position to {@link #rollback} to, valid in this frame only
     */
    public long mark() {
        long seq = (frameNumber & 0xFFFFFF) << SEQ_SHIFT;
        if (!spilling) {
            return seq | stack.getPointer();
        }
        if (spillMarkCount == spillMarks.length) {
            spillMarks = java.util.Arrays.copyOf(spillMarks, spillMarkCount * 2);
        }
        // Spill state does not fit beside the sequence number: keep it in a side table, reset every frame.
        spillMarks[spillMarkCount] = ((long) spill.count() << 32) | spillOffset;
        return seq | SPILL_FLAG | spillMarkCount++;
    }

    /**
     * Frees everything allocated after {@code mark} was taken. A mark from another frame, or past the current
     * position, is diagnosed ({@code EM004}) and ignored.
     *
     * @param mark a value from {@link #mark()} in this frame
     */
    public void rollback(long mark) {
        if (debug == DebugLevel.PARANOID) {
            checkOwner("rollback");
        }
        if (!inFrame || (mark >>> SEQ_SHIFT) != (frameNumber & 0xFFFFFF)) {
            badMark(mark, "it was taken in another frame");
            return;
        }
        if ((mark & SPILL_FLAG) == 0) {
            int p = (int) (mark & 0xFFFFFFFFL);
            if (p < stack.getPointer() || p > size) {
                badMark(mark, "the frame is already before it");
                return;
            }
            if (spilling) {
                spill.freeFrom(0, heap);
                spillUsed = 0;
                spillOffset = 0;
                spilling = perAllocMalloc;
            }
            stack.setPointer(p);
        } else {
            int idx = (int) (mark & (SPILL_FLAG - 1));
            if (idx >= spillMarkCount) {
                badMark(mark, "it was already rolled past");
                return;
            }
            long entry = spillMarks[idx];
            int blocks = (int) (entry >>> 32);
            long offset = entry & 0xFFFFFFFFL;
            if (blocks > spill.count() || (blocks == spill.count() && offset > spillOffset)) {
                badMark(mark, "the frame is already before it");
                return;
            }
            spillMarkCount = idx + 1;
            spillUsed = 0;
            spill.freeFrom(blocks, heap);
            spillOffset = offset;
            // Recount what stays spilled: blocks before the last are charged fully, the last up to the offset.
            for (int i = 0; i < spill.count(); i++) {
                spillUsed += i == spill.count() - 1 ? spillOffset : spill.bytes(i);
            }
        }
        if (guards != null) {
            guards.dropAfterRollback(this);
        }
    }

    private void badMark(long mark, String why) {
        diagnostics.report(DiagnosticCode.EM004, "rollback to mark 0x" + Long.toHexString(mark) + " in frame " + frameNumber
            + " of " + describe() + " refused: " + why, null, describe() + "mark");
    }

    /** @return true when an address lies in memory this frame currently owns (used by guard bookkeeping) */
    boolean owns(long address) {
        if (address >= base + stack.getPointer() && address < base + size) {
            return true;
        }
        return spill.find(address, 0) >= 0;
    }

    private void grow() {
        long to = growTo;
        growTo = 0;
        heap.free(base, size, 64);
        installBlock((int) Math.min(to, Integer.MAX_VALUE - 63));
    }

    private void checkPoison() {
        long from = base + poisonedFrom;
        long to = base + size;
        long p = from;
        for (; p + 8 <= to; p += 8) {
            if (MemoryUtil.memGetLong(p) != POISON_LONG) {
                break;
            }
        }
        for (; p < to; p++) {
            if (MemoryUtil.memGetByte(p) != POISON) {
                poisonedFrom = -1;
                diagnostics.report(DiagnosticCode.EM005, "frame memory at 0x" + Long.toHexString(p) + " (offset " + (p - base)
                    + " of " + describe() + ") was written after frame " + frameNumber + " ended", null, describe() + "afterEnd");
                return;
            }
        }
        poisonedFrom = -1;
    }

    private void switchLevel(DebugLevel level) {
        debug = level;
        poison = level != DebugLevel.OFF;
        poisonedFrom = -1;
        guards = level == DebugLevel.PARANOID ? new GuardTracker("frame arena of thread \"" + threadName + "\"", diagnostics) : null;
    }

    private void checkOwner(String op) {
        if (Thread.currentThread() != owner) {
            diagnostics.report(DiagnosticCode.EM301, op + "() on " + describe() + " from thread \""
                + Thread.currentThread().getName() + "\"", null, describe() + op);
        }
    }

    /**
     * Frees this thread's arena block (for threads of a pool that are going away). The engine will create a fresh
     * one if the thread asks again. Must not be called inside a frame.
     */
    public void release() {
        if (released) {
            return;
        }
        if (inFrame) {
            end();
        }
        released = true;
        heap.free(base, size, 64);
        engine.forget(this);
    }

    /**
     * @return the LWJGL stack laid over this arena's block: the same memory as {@link #alloc}. Fetch it each
     *         frame: the block (and so the stack object) is replaced after a frame overflows.
     */
    public MemoryStack stack() {
        return stack;
    }

    /** @return bytes allocated in the current frame so far (or in the last frame, between frames) */
    public long used() {
        return inFrame ? (size - stack.getPointer()) + spillUsed : lastUsed;
    }

    /** @return the most bytes any frame used, including stack pushes and spill */
    public long highWater() {
        long current = inFrame ? (size - stack.lowWater()) + spillUsed : 0;
        return Math.max(highWater, current);
    }

    /** @return the size of the main block in bytes */
    public long capacity() { return size; }

    /** @return frames that overflowed their block */
    public long overflows() { return overflows; }

    /** @return frames begun so far */
    public long frameNumber() { return frameNumber; }

    /** @return whether a frame is open */
    public boolean inFrame() { return inFrame; }

    /** @return Java heap bytes the owner thread allocated during the last completed frame */
    public long lastFrameHeapBytes() { return lastFrameHeapBytes; }

    /** @return the thread that owns this arena */
    public Thread owner() { return owner; }

    String threadName() { return threadName; }

    boolean isReleased() { return released; }

    /** Frees the block at engine close, from whichever thread closes the engine. */
    void freeAtClose() {
        if (!released) {
            released = true;
            spill.freeFrom(0, heap);
            heap.free(base, size, 64);
        }
    }

    private String describe() {
        return "frame arena of thread \"" + threadName + "\"";
    }
}
