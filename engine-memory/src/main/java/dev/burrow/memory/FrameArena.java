package dev.burrow.memory;

import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.lang.management.ManagementFactory;

/**
 * A per-thread bump arena for memory that lives one frame. Obtain it with {@link EngineMemory#frame()}.
 *
 * <h2>How it works</h2>
 * <p>The arena owns one native block. {@link #alloc} bumps a cursor up from the bottom; the LWJGL
 * {@link MemoryStack} of {@link #stack()} is laid over the same block and grows down from the top, so both share the
 * memory without sharing a pointer: a stack {@code pop()} never takes back an {@code alloc}, a {@link #rollback}
 * never takes back a stack allocation. {@link #end()} resets both: a whole frame is freed in O(1).</p>
 *
 * <h2>Overflow</h2>
 * <p>A frame that outgrows the block does not crash: an allocation that does not fit (from {@code alloc} or from
 * the stack) goes to a <em>spill block</em> from the native heap, freed at {@code end()}, and the next
 * {@link #begin()} replaces the block by one big enough for the frame that overflowed (diagnostic {@code EM002}
 * says the size). The stack object survives the replacement: {@link #stack()} is the same object for the arena's
 * life.</p>
 *
 * <h2>Marks</h2>
 * <p>{@link #mark()} and {@link #rollback(long)} free everything {@code alloc} handed out after a point (a failed
 * attempt inside a frame). A mark names a row of this frame's mark table, so a mark of another arena or frame, one
 * already rolled past, or a made-up value is refused ({@code EM004}).</p>
 *
 * <h2>Debug levels are classes</h2>
 * <p>At {@link DebugLevel#OFF} (the lean arena) nothing is checked that costs anything on {@code alloc}: a call from
 * another thread is undefined, as with any unsynchronised structure. At SIMPLE and PARANOID every operation checks
 * the owner thread ({@code EM301}, refused); the bytes a frame used are poisoned at {@code end()} and checked at the
 * next {@code begin()} ({@code EM005}); PARANOID adds guard bytes after every allocation, checked at {@code end()},
 * and a site per allocation. At every level, an arena refuses everything after {@link #release()} or engine close
 * ({@code EM006}) and a request larger than {@link #MAX_ALLOC} ({@code EM007}).</p>
 *
 * <h2>Cost</h2>
 * <p>{@code alloc}: an align, an add, four compares, a store, as {@code MemoryStack.nmalloc}. {@code begin/end}: O(1),
 * plus the poison memset and scan of the bytes used below OFF. None of them allocates Java heap.</p>
 */
public abstract class FrameArena {
    /** The largest single frame allocation. */
    public static final long MAX_ALLOC = 1L << 30;
    /** {@code bytes >>> FAST_SIZE_SHIFT == 0}: a size the fast path takes without further checks. */
    static final int FAST_SIZE_SHIFT = 30;
    /** The cursor of a released arena: every fast path fails against it. */
    static final long RELEASED_CURSOR = Long.MAX_VALUE;
    // Fields of a mark row (MarkTable): where alloc() stood when the mark was taken.
    private static final int CURSOR = 1;
    private static final int SPILL_BLOCKS = 2;
    private static final int SPILL_OFFSET = 3;
    private static final int SPILL_USED = 4;
    private static final int GUARDS = 5;
    private static final int VIEWS = 6;
    private static final int MARK_FIELDS = 7;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final EngineMemory engine;
    final NativeHeap heap;
    final Diagnostics diagnostics;
    final DebugLevel debug;
    final Thread owner;
    final String threadName;
    final String label;
    private final boolean poison;
    private final boolean perAllocMalloc;
    /** Whether {@code alloc} may take the inline path: not PARANOID (guards) and not the kill switch. */
    private final boolean fastPath;
    final GuardTracker guards;
    private final MarkTable marks;
    private final FrameStack stack;

    private long base;
    private int size;
    /** Next byte for {@link #alloc}: bumps up from {@link #base}. Package-visible for the stack's bound. */
    long cursor;
    /** The fast path's upper bound: the lowest address the stack reached this frame; 0 when the fast path is off. */
    long limit;
    private long cursorHigh;

    private boolean inFrame;
    private boolean released;
    private long frameNumber;

    private final BlockList spill = new BlockList();
    private long spillOffset;
    private long spillUsed;
    private final BlockList stackSpill = new BlockList();
    private long stackSpillUsed;
    private boolean overflowedThisFrame;
    private long growTo;
    private long overflows;

    /** Allocations made by {@link #alloc} since the arena was made (phases read it at their boundaries). */
    long allocs;
    private long allocsAtBegin;
    private long lastFrameAllocs;
    private final FramePhases phases = new FramePhases();
    private FrameViews views;
    private FramePromotions promotions;
    private long budgetBytes = -1;
    private FrameBudgetPolicy budgetPolicy = FrameBudgetPolicy.ALLOW;
    private boolean overBudgetThisFrame;
    private long overBudgetFrames;

    private long poisonLow;   // [base, poisonLow) holds poison from the last end()
    private long poisonHigh;  // [poisonHigh, base + size) too
    private long lastUsed;
    private long highWater;
    private long heapAtBegin;
    private long lastFrameHeapBytes;

    FrameArena(EngineMemory engine, MemoryConfig config, Thread owner, int id) {
        this.engine = engine;
        this.heap = engine.heap();
        this.diagnostics = engine.diagnostics();
        this.debug = engine.debugLevel();
        this.owner = owner;
        this.threadName = owner.getName();
        this.label = "frame arena of thread \"" + threadName + "\"";
        this.poison = debug != DebugLevel.OFF;
        this.perAllocMalloc = heap.isSystem();
        this.guards = debug == DebugLevel.PARANOID ? new GuardTracker(label, diagnostics) : null;
        this.fastPath = guards == null && !perAllocMalloc;
        this.marks = new MarkTable(id, MARK_FIELDS);
        this.size = (int) config.frameArenaBytes();
        this.base = heap.malloc(size, 64, "frame");
        this.stack = debug == DebugLevel.OFF ? new FrameStack(this, base, size) : new CheckedFrameStack(this, base, size);
        this.cursor = base;
        this.cursorHigh = base;
        this.poisonLow = base;
        this.poisonHigh = base + size;
    }

    // ---------------------------------------------------------------- the hot path, by subclass

    /**
     * Allocates {@code bytes} aligned to {@code align} in the current frame. The memory is not cleared.
     *
     * @param bytes size, {@code 0 <= bytes <= MAX_ALLOC}
     * @param align a power of two up to 1 MiB
     * @return the address, valid until {@link #end()} or a rollback past it; 0 when refused (outside a frame,
     *         released arena, too large, another thread below OFF), in non-strict mode
     * @throws IllegalArgumentException for a negative size or an alignment that is not a power of two up to 1 MiB
     */
    public abstract long alloc(long bytes, int align);

    /** The inline bump both implementations share; falls back to {@link #allocSlow} for everything unusual. */
    final long bump(long bytes, int align) {
        long p = (cursor + align - 1) & -(long) align;
        long end = p + bytes;
        if ((bytes >>> FAST_SIZE_SHIFT) == 0 && p >= cursor && end <= limit && Integer.bitCount(align) == 1) {
            cursor = end;
            allocs++;
            return p;
        }
        return allocSlow(bytes, align);
    }

    /** Hook: the checked arena refuses calls from other threads ({@code EM301}). @return whether to go on */
    abstract boolean admit(String op);

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
        if (released) {
            return refuseReleased("alloc");
        }
        if (!inFrame) {
            diagnostics.report(DiagnosticCode.EM001, "frame allocation of " + bytes + " bytes outside begin()/end() in "
                + label, null, label + "outside");
            return 0;
        }
        Alignment.check(align);
        if (bytes < 0) {
            throw new IllegalArgumentException("frame allocation of " + bytes + " bytes in " + label);
        }
        if (bytes > MAX_ALLOC) {
            diagnostics.report(DiagnosticCode.EM007, "frame allocation of " + bytes + " bytes in " + label
                + " is over the limit of " + MAX_ALLOC + " bytes", null, label + "size");
            return 0;
        }
        long total = guards != null ? bytes + GuardTracker.GUARD_BYTES : bytes;
        long p = perAllocMalloc ? 0 : (cursor + align - 1) & -(long) align;
        boolean spillIt = false;
        if (budgetBytes >= 0 && (cursor - base) + spillUsed + total > budgetBytes) {
            switch (overBudget(bytes)) {
                case FAIL:
                    return 0;
                case SPILL:
                    spillIt = true;
                    break;
                default:
                    break;
            }
        }
        if (!perAllocMalloc && !spillIt && p + total <= stack.lowAddress) {
            cursor = p + total;
        } else {
            p = spillAlloc(total, align);
        }
        allocs++;
        if (guards != null) {
            guards.add(p, bytes, AllocationSite.capture());
        }
        return p;
    }

    /** Applies the budget policy to an allocation that crosses it. @return the policy (FAIL: refused) */
    private FrameBudgetPolicy overBudget(long bytes) {
        boolean first = !overBudgetThisFrame;
        if (first) {
            overBudgetThisFrame = true;
            overBudgetFrames++;
        }
        if (budgetPolicy == FrameBudgetPolicy.FAIL) {
            diagnostics.report(DiagnosticCode.EM008, "frame allocation of " + bytes + " bytes in frame " + frameNumber + " of "
                + label + " would cross its budget of " + budgetBytes + " bytes", null, label + "budget");
        } else if (budgetPolicy == FrameBudgetPolicy.WARN && first) {
            diagnostics.report(DiagnosticCode.EM009, "frame " + frameNumber + " of " + label + " crossed its budget of "
                + budgetBytes + " bytes", null, label + "budgetWarn");
        }
        return budgetPolicy;
    }

    /** The fast path's bound: the stack's lowest point, and the budget when one is set; 0 when the fast path is off. */
    private long fastLimit() {
        if (!fastPath) {
            return 0;
        }
        return budgetBytes >= 0 ? Math.min(stack.lowAddress, base + budgetBytes) : stack.lowAddress;
    }

    private long spillAlloc(long bytes, int align) {
        if (!overflowedThisFrame && (!perAllocMalloc || usedNow() + bytes > size)) {
            overflowed(bytes, align); // under the kill switch, only when the block would have overflowed: same diagnostics
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

    /**
     * Refuses a use of the stack: on a released arena ({@code EM006}, at every level), from another thread
     * ({@code EM301}) or outside a frame ({@code EM001}) (the checked stack's).
     *
     * @param what the use, e.g. "stack allocation of 64 bytes" or "pop()"
     * @throws MemoryDiagnosticException always: a stack call cannot return "nothing"
     */
    final void refuseStack(String what) {
        DiagnosticCode code;
        String why;
        if (released) {
            code = DiagnosticCode.EM006;
            why = what + " on the stack of released " + label;
        } else if (Thread.currentThread() != owner) {
            code = DiagnosticCode.EM301;
            why = what + " on the stack of " + label + " from thread \"" + Thread.currentThread().getName() + "\"";
        } else {
            code = DiagnosticCode.EM001;
            why = what + " outside begin()/end() on the stack of " + label
                + " (use LWJGL's MemoryStack.stackPush() between frames)";
        }
        throwStackRefusal(code, why);
    }

    /**
     * Refuses a {@code pop()} on the stack with no {@code push()} of this frame to pair with ({@code EM015}; the
     * checked stack's). Pushes left open end with their frame.
     *
     * @throws MemoryDiagnosticException always, as the other stack refusals
     */
    final void refuseUnbalancedPop() {
        throwStackRefusal(DiagnosticCode.EM015, "pop() without a push() on the stack of " + label + " in frame " + frameNumber);
    }

    private void throwStackRefusal(DiagnosticCode code, String why) {
        String msg = Diagnostics.format(code, why, null);
        diagnostics.count(code, msg);
        throw new MemoryDiagnosticException(code, msg);
    }

    /** A stack allocation that does not fit in the block: its own spill block, freed at {@code end()}. */
    final long stackSpill(int alignment, int bytes) {
        if (released) {
            refuseStack("stack allocation of " + bytes + " bytes"); // EM006, thrown
        }
        if (bytes < 0 || alignment <= 0 || Integer.bitCount(alignment) != 1 || alignment > Alignment.MAX) {
            throw new IllegalArgumentException("stack allocation of " + bytes + " bytes aligned to " + alignment + " in " + label);
        }
        if (!overflowedThisFrame) {
            overflowed(bytes, alignment);
        }
        long blockAlign = Math.max(alignment, NativeHeap.MALLOC_ALIGN);
        long start = heap.malloc(Math.max(bytes, 1), blockAlign, "frame");
        stackSpill.add(start, Math.max(bytes, 1), blockAlign);
        stackSpillUsed += bytes;
        return start;
    }

    private void overflowed(long bytes, int align) {
        overflowedThisFrame = true;
        overflows++;
        long need = usedNow() + bytes + align;
        long suggested = Long.highestOneBit(Math.max(need, size) * 2 - 1);
        growTo = Math.max(growTo, Math.min(suggested, 1L << 30));
        diagnostics.report(DiagnosticCode.EM002, "frame " + frameNumber + " of " + label + " outgrew its "
            + size + "-byte block asking for " + bytes + " bytes; spilling for the rest of the frame, next frame grows to "
            + growTo + " bytes (suggested frameArenaBytes)", null, label + "overflow");
        engine.events().overflow(this, bytes, growTo);
    }

    private long usedNow() {
        return (Math.max(cursorHigh, cursor) - base) + (base + size - stack.lowAddress) + spillUsed + stackSpillUsed;
    }

    // ---------------------------------------------------------------- frames

    /**
     * Starts a frame. Everything allocated until {@link #end()} is freed by it. A {@code begin()} inside a frame is
     * diagnosed ({@code EM003}) and ignored.
     *
     * @throws OutOfNativeMemoryException when the block must grow (after an overflow) and cannot; the arena keeps
     *         its old block and stays usable
     */
    public void begin() {
        if (!admit("begin")) {
            return;
        }
        if (released) {
            refuseReleased("begin");
            return;
        }
        if (inFrame) {
            diagnostics.report(DiagnosticCode.EM003, "begin() inside frame " + frameNumber + " of " + label, null, label + "begin");
            return;
        }
        if (poison) {
            checkPoison(); // before a grow replaces the block that was written
        }
        if (growTo > 0) {
            grow();
        }
        inFrame = true;
        frameNumber++;
        marks.clear();
        cursor = base;
        cursorHigh = base;
        stack.startFrame();
        limit = fastLimit();
        overBudgetThisFrame = false;
        allocsAtBegin = allocs;
        heapAtBegin = THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Ends the frame: frees every frame allocation in O(1) (plus spill blocks), empties {@link #stack()}, poisons
     * the used bytes below OFF. An {@code end()} outside a frame is diagnosed ({@code EM003}).
     */
    public void end() {
        if (!admit("end")) {
            return;
        }
        if (released) {
            refuseReleased("end");
            return;
        }
        if (!inFrame) {
            diagnostics.report(DiagnosticCode.EM003, "end() outside a frame of " + label, null, label + "end");
            return;
        }
        MemoryDiagnosticException overrun = null;
        if (phases.depth() > 0) {
            overrun = closeOpenPhases();
        }
        if (promotions != null) {
            promotions.resolve(frameNumber); // while the frame's bytes are still there
        }
        if (views != null) {
            views.detachFrom(0);
        }
        if (guards != null) {
            try {
                guards.checkAll();
            } catch (MemoryDiagnosticException e) {
                overrun = overrun == null ? e : overrun; // strict mode: end the frame first, then throw
            }
            guards.clear();
        }
        long high = Math.max(cursorHigh, cursor);
        long stackLow = stack.lowAddress;
        lastUsed = usedNow();
        if (lastUsed > highWater) {
            highWater = lastUsed;
        }
        if (poison) {
            MemoryUtil.memSet(base, Poison.BYTE, high - base);
            MemoryUtil.memSet(stackLow, Poison.BYTE, base + size - stackLow);
            poisonLow = high;
            poisonHigh = stackLow;
        }
        spill.freeFrom(0, heap);
        stackSpill.freeFrom(0, heap);
        overflowedThisFrame = false;
        spillOffset = 0;
        spillUsed = 0;
        stackSpillUsed = 0;
        stack.reset();
        inFrame = false;
        limit = 0;
        cursor = base;
        cursorHigh = base;
        lastFrameAllocs = allocs - allocsAtBegin;
        engine.events().phases(this, phases);
        phases.endFrame();
        lastFrameHeapBytes = THREADS.getCurrentThreadAllocatedBytes() - heapAtBegin;
        engine.events().frameEnd(this);
        if (overrun != null) {
            throw overrun;
        }
        engine.frameEnded(this);
    }

    /** @return a mark to {@link #rollback} to in this frame; 0 when refused (outside a frame, released arena) */
    public long mark() {
        if (!admit("mark")) {
            return 0;
        }
        if (released) {
            return refuseReleased("mark");
        }
        if (!inFrame) {
            badMark(0, "mark() outside a frame");
            return 0;
        }
        int row = marks.add();
        marks.set(row, CURSOR, cursor);
        marks.set(row, SPILL_BLOCKS, spill.count());
        marks.set(row, SPILL_OFFSET, spillOffset);
        marks.set(row, SPILL_USED, spillUsed);
        marks.set(row, GUARDS, guards == null ? 0 : guards.size());
        marks.set(row, VIEWS, views == null ? 0 : views.issuedCount());
        return marks.markOf(row);
    }

    /**
     * Frees everything {@link #alloc} handed out after {@code mark} was taken (stack allocations are the stack's:
     * {@code push()/pop()}). Marks taken after it become invalid; {@code mark} itself stays valid. A mark of another
     * arena or frame, one already rolled past, or a made-up value is diagnosed ({@code EM004}) and ignored.
     *
     * @param mark a value from {@link #mark()} in this frame
     */
    public void rollback(long mark) {
        if (!admit("rollback")) {
            return;
        }
        if (released) {
            refuseReleased("rollback");
            return;
        }
        if (!inFrame) {
            badMark(mark, "there is no frame open");
            return;
        }
        int row = marks.rowOf(mark);
        if (row < 0) {
            badMark(mark, marks.isOurs(mark) ? "it was taken in another frame or already rolled past"
                : "it is not a mark of this arena");
            return;
        }
        cursorHigh = Math.max(cursorHigh, cursor);
        cursor = marks.get(row, CURSOR);
        spill.freeFrom((int) marks.get(row, SPILL_BLOCKS), heap);
        spillOffset = marks.get(row, SPILL_OFFSET);
        spillUsed = marks.get(row, SPILL_USED);
        if (guards != null) {
            guards.truncate((int) marks.get(row, GUARDS));
        }
        if (views != null) {
            views.detachFrom((int) marks.get(row, VIEWS)); // collections made after the mark lose their memory
        }
        if (promotions != null) {
            promotions.dropLost(this, frameNumber);
        }
        marks.truncate(row);
    }

    private void badMark(long mark, String why) {
        diagnostics.report(DiagnosticCode.EM004, "rollback to mark 0x" + Long.toHexString(mark) + " in frame " + frameNumber
            + " of " + label + " refused: " + why, null, label + "mark");
    }

    private void grow() {
        long to = Math.min(growTo, Integer.MAX_VALUE - 63);
        long fresh = heap.malloc(to, 64, "frame"); // first the new block: if it fails, the old one stays ours
        growTo = 0;
        heap.free(base, size, 64);
        base = fresh;
        size = (int) to;
        stack.moveTo(base + size);
        cursor = base;
        cursorHigh = base;
        poisonLow = base;
        poisonHigh = base + size;
    }

    private void checkPoison() {
        long bad = firstNotPoison(base, poisonLow);
        if (bad == 0) {
            bad = firstNotPoison(poisonHigh, base + size);
        }
        poisonLow = base;
        poisonHigh = base + size;
        if (bad != 0) {
            diagnostics.report(DiagnosticCode.EM005, "frame memory at 0x" + Long.toHexString(bad) + " (offset " + (bad - base)
                + " of " + label + ") was written after frame " + frameNumber + " ended", null, label + "afterEnd");
        }
    }

    private static long firstNotPoison(long from, long to) {
        long p = from;
        for (; p + 8 <= to; p += 8) {
            if (MemoryUtil.memGetLong(p) != Poison.WORD) {
                break;
            }
        }
        for (; p < to; p++) {
            if (MemoryUtil.memGetByte(p) != Poison.BYTE) {
                return p;
            }
        }
        return 0;
    }

    final long refuseReleased(String op) {
        diagnostics.report(DiagnosticCode.EM006, op + "() on released " + label + " (after release() or engine close)",
            null, label + "released" + op);
        return 0;
    }

    // ---------------------------------------------------------------- phases

    /**
     * Opens a phase of the frame (nestable): until {@link #endPhase()}, this arena's allocations, bytes and high water
     * are counted for it too, per frame and at peak, shown in the snapshot, the overlay and JFR. A name is interned at
     * its first use (use constants or literals: the lookup is by identity first). Costs two small calls per phase;
     * nothing per allocation.
     *
     * @param name the phase's name
     */
    public void beginPhase(String name) {
        if (!admit("beginPhase")) {
            return;
        }
        if (released) {
            refuseReleased("beginPhase");
            return;
        }
        if (!inFrame) {
            phaseMisuse("beginPhase(\"" + name + "\") outside a frame");
            return;
        }
        if (name == null) {
            phaseMisuse("beginPhase(null): a phase needs a name");
            return;
        }
        int id = phases.idOf(name);
        if (id < 0 || phases.depth() == FramePhases.MAX_DEPTH) {
            phaseMisuse(id < 0 ? "more than " + FramePhases.MAX_PHASES + " phase names" : "phases nested deeper than "
                + FramePhases.MAX_DEPTH);
            return;
        }
        phases.begin(id, phaseUsed(), allocs, cursorHigh);
        cursorHigh = cursor; // the phase's own high water starts here
    }

    /** Closes the innermost phase. Without an open phase it is diagnosed ({@code EM012}) and ignored. */
    public void endPhase() {
        if (!admit("endPhase")) {
            return;
        }
        if (released) {
            refuseReleased("endPhase");
            return;
        }
        if (!inFrame || phases.depth() == 0) {
            phaseMisuse("endPhase() without an open phase");
            return;
        }
        endInnermostPhase();
    }

    private void endInnermostPhase() {
        long high = Math.max(cursorHigh, cursor);
        long saved = phases.savedHigh();
        phases.end(phaseUsed(), allocs, (high - base) + spillUsed);
        cursorHigh = Math.max(saved, high);
    }

    /** @return what the phases count as used: {@code alloc}'s bytes in the block and in spill */
    private long phaseUsed() {
        return (cursor - base) + spillUsed;
    }

    private MemoryDiagnosticException closeOpenPhases() {
        String innermost = phases.name(phases.innermost());
        int open = phases.depth();
        while (phases.depth() > 0) {
            endInnermostPhase();
        }
        try {
            phaseMisuse(open + " phase(s) still open at end(), innermost \"" + innermost + "\"");
            return null;
        } catch (MemoryDiagnosticException e) {
            return e;
        }
    }

    private void phaseMisuse(String what) {
        diagnostics.report(DiagnosticCode.EM012, what + " in frame " + frameNumber + " of " + label, null, label + "phase");
    }

    /** @return phase names this arena has seen (ids are 0 to this, exclusive) */
    public int phaseCount() {
        return phases.count();
    }

    /**
     * @param id 0 to {@link #phaseCount()}, exclusive
     * @return the phase's name
     * @throws IndexOutOfBoundsException for an id outside that range
     */
    public String phaseName(int id) {
        java.util.Objects.checkIndex(id, phases.count());
        return phases.name(id);
    }

    FramePhases phases() {
        return phases;
    }

    // ---------------------------------------------------------------- collections

    /**
     * @param capacity the most values it will hold
     * @return an int list in this frame's memory, gone at {@code end()} (or a rollback past this call); null when
     *         refused (outside a frame, released arena)
     */
    public FrameIntList intList(int capacity) {
        long p = collectionMemory(capacity, FrameIntList.BYTES, 4);
        if (p == 0) {
            return null;
        }
        FrameIntList l = views().intList();
        l.attach(p, capacity, frameNumber);
        return l;
    }

    /**
     * @param capacity the most values it will hold
     * @return a long list in this frame's memory, gone at {@code end()}; null when refused
     */
    public FrameLongList longList(int capacity) {
        long p = collectionMemory(capacity, FrameLongList.BYTES, 8);
        if (p == 0) {
            return null;
        }
        FrameLongList l = views().longList();
        l.attach(p, capacity, frameNumber);
        return l;
    }

    /**
     * @param capacity the most values it will hold
     * @return a float list in this frame's memory, gone at {@code end()}; null when refused
     */
    public FrameFloatList floatList(int capacity) {
        long p = collectionMemory(capacity, FrameFloatList.BYTES, 4);
        if (p == 0) {
            return null;
        }
        FrameFloatList l = views().floatList();
        l.attach(p, capacity, frameNumber);
        return l;
    }

    /**
     * @param capacity the most keys it will hold (its table is twice that, rounded up to a power of two)
     * @return an int-to-int map in this frame's memory, gone at {@code end()}; null when refused
     */
    public FrameIntIntMap intIntMap(int capacity) {
        int table = FrameIntIntMap.tableFor(checkCapacity(capacity));
        long p = alloc((long) table * 8, 8);
        if (p == 0) {
            return null;
        }
        FrameIntIntMap m = views().intIntMap();
        m.attachTable(p, capacity, table, frameNumber);
        return m;
    }

    private long collectionMemory(int capacity, int width, int align) {
        return alloc((long) checkCapacity(capacity) * width, align);
    }

    private static int checkCapacity(int capacity) {
        if (capacity < 0 || capacity > (1 << 26)) {
            throw new IllegalArgumentException("frame collection capacity must be in [0, 2^26]: " + capacity);
        }
        return capacity;
    }

    private FrameViews views() {
        if (views == null) {
            views = new FrameViews(this);
        }
        return views;
    }

    // ---------------------------------------------------------------- promotion

    /**
     * Asks for a frame allocation to be kept: at {@code end()} its {@code bytes} are copied into {@code group}
     * (aligned to {@code align}). Read the outcome with {@link #promotion(long)} and the new address with
     * {@link #promotedAddress(long)} after {@code end()}; the frame's summary is in the snapshot. A rollback past the
     * allocation cancels the promotion.
     *
     * @param address a frame allocation of this frame (from {@link #alloc}), or a part of one
     * @param bytes how many bytes to keep
     * @param align the alignment in the group
     * @param group where to keep them
     * @return a ticket; 0 when refused ({@code EM013}: not this frame's allocation)
     */
    public long promote(long address, long bytes, int align, LevelGroup group) {
        Alignment.check(align);
        if (group == null) {
            promotionMisuse(address, bytes, "the target group is null");
            return 0;
        }
        return request(address, bytes, align, group);
    }

    /**
     * Asks for a frame allocation to be kept in a pool slot: at {@code end()} its {@code bytes} (at most the pool's
     * slot size) are copied into a new slot of {@code pool}, which the caller then owns and frees.
     *
     * @param address a frame allocation of this frame
     * @param bytes how many bytes to keep, at most {@code pool.slotBytes()}
     * @param pool where to keep them
     * @return a ticket; 0 when refused ({@code EM013})
     */
    public long promote(long address, long bytes, Pool pool) {
        if (pool == null) {
            promotionMisuse(address, bytes, "the target pool is null");
            return 0;
        }
        if (bytes > pool.slotBytes()) {
            promotionMisuse(address, bytes, "it is larger than a slot of pool \"" + pool.name() + "\" ("
                + pool.slotBytes() + " bytes)");
            return 0;
        }
        return request(address, bytes, 8, pool);
    }

    private long request(long address, long bytes, int align, Object target) {
        if (!admit("promote")) {
            return 0;
        }
        if (released) {
            return refuseReleased("promote");
        }
        if (!inFrame || bytes < 0 || !ownsAllocation(address, bytes)) {
            promotionMisuse(address, bytes, !inFrame ? "there is no frame open" : "it is not memory this frame allocated");
            return 0;
        }
        if (promotions == null) {
            promotions = new FramePromotions();
        }
        return promotions.add(frameNumber, address, bytes, align, target);
    }

    private void promotionMisuse(long address, long bytes, String why) {
        diagnostics.report(DiagnosticCode.EM013, "promote of " + bytes + " bytes at 0x" + Long.toHexString(address) + " in "
            + label + " refused: " + why, null, label + "promote");
    }

    /**
     * @param ticket from {@code promote} in the last completed frame
     * @return what became of it ({@link PromotionResult#PENDING} before {@code end()} or for an older ticket)
     */
    public PromotionResult promotion(long ticket) {
        return promotions == null ? PromotionResult.PENDING : promotions.outcome(ticket);
    }

    /**
     * @param ticket from {@code promote} in the last completed frame
     * @return the kept bytes' new address, or 0 when not promoted
     */
    public long promotedAddress(long ticket) {
        return promotions == null ? 0 : promotions.address(ticket);
    }

    /** @return promotions carried out at the last {@code end()} */
    public int lastFramePromoted() { return promotions == null ? 0 : promotions.lastPromoted(); }

    /** @return bytes promoted at the last {@code end()} */
    public long lastFramePromotedBytes() { return promotions == null ? 0 : promotions.lastPromotedBytes(); }

    /** @return promotions that failed at the last {@code end()} */
    public int lastFramePromotionsFailed() { return promotions == null ? 0 : promotions.lastFailed(); }

    /** @return why the latest failed promotion failed ({@link PromotionResult#PENDING} when none failed yet) */
    public PromotionResult lastPromotionFailure() { return promotions == null ? PromotionResult.PENDING : promotions.lastFailure(); }

    /** @return promotions carried out since the arena was made */
    public long promotedTotal() { return promotions == null ? 0 : promotions.totalPromoted(); }

    /** @return promotions that failed since the arena was made */
    public long promotionsFailedTotal() { return promotions == null ? 0 : promotions.totalFailed(); }

    /** @return whether {@code [address, address + bytes)} lies in memory {@link #alloc} handed out this frame */
    boolean ownsAllocation(long address, long bytes) {
        if (bytes < 0) {
            return false;
        }
        if (address >= base && address <= cursor && bytes <= cursor - address) { // no address + bytes: it may overflow
            return true;
        }
        return spill.find(address, bytes) >= 0;
    }

    // ---------------------------------------------------------------- budget

    /**
     * Sets this arena's frame budget: what one frame's {@code alloc}s may use (block and spill), and what happens when
     * an allocation would cross it. A worker thread's arena can have its own. Costs nothing per allocation: the fast
     * path stops at the budget, the slow path applies the policy. {@code bytes < 0} removes the budget.
     *
     * @param bytes the budget in bytes, or -1 for none
     * @param policy what to do past it
     */
    public void budget(long bytes, FrameBudgetPolicy policy) {
        if (policy == null) {
            throw new NullPointerException("policy");
        }
        if (!admit("budget")) {
            return;
        }
        budgetBytes = bytes < 0 ? -1 : bytes;
        budgetPolicy = policy;
        if (inFrame) {
            limit = fastLimit();
        }
    }

    /** @return the frame budget in bytes, or -1 when none is set */
    public long budgetBytes() { return budgetBytes; }

    /** @return the policy past the frame budget */
    public FrameBudgetPolicy budgetPolicy() { return budgetPolicy; }

    /** @return frames that crossed the budget so far */
    public long overBudgetFrames() { return overBudgetFrames; }

    /** @return allocations {@link #alloc} made in the last completed frame */
    public long lastFrameAllocs() { return lastFrameAllocs; }

    /** @return allocations {@link #alloc} made since the arena was made */
    public long allocs() { return allocs; }

    /**
     * Frees this thread's arena (for threads that are going away). The engine creates a fresh one, with the engine's
     * current debug level, if the thread asks again; this object refuses everything afterwards ({@code EM006}).
     * An open frame is ended first.
     */
    public void release() {
        if (!admit("release") || released) {
            return;
        }
        if (inFrame) {
            end();
        }
        releaseAtClose();
        engine.forget(this);
    }

    /** Frees the block and spills from whichever thread closes the engine; every later call is refused. */
    final void releaseAtClose() {
        if (released) {
            return;
        }
        released = true;
        inFrame = false;
        if (views != null) {
            views.detachFrom(0);
        }
        spill.freeFrom(0, heap);
        stackSpill.freeFrom(0, heap);
        heap.free(base, size, 64);
        cursor = RELEASED_CURSOR;
        limit = 0;
    }

    /**
     * @return the LWJGL stack over this arena's block: pass it to any LWJGL call. It is the same object for the
     *         arena's life; allocations that do not fit spill rather than throw. Its memory is the frame's: below
     *         OFF, an allocation on it outside {@code begin()}/{@code end()} throws {@code EM001}, one from another
     *         thread {@code EM301}, one after {@link #release()} {@code EM006} (at every level); and below OFF a
     *         {@code pop()} with no {@code push()} of the frame to pair with throws {@code EM015}
     */
    public MemoryStack stack() {
        return stack;
    }

    /**
     * @return bytes in use in the current frame: {@code alloc}'s (spill included) and the stack's down to its current
     *         pointer (a stack spill, freed at {@code end()}, counts in {@link #highWater()}); between frames, what the
     *         last frame used at most
     */
    public long used() {
        return inFrame ? (cursor - base) + (base + size - stack.pointerAddress()) + spillUsed : lastUsed;
    }

    /**
     * @return bytes {@link #alloc} can still take this frame before it spills or crosses the frame budget, whichever
     *         comes first (0 outside a frame)
     */
    public long remaining() {
        if (!inFrame || released) {
            return 0;
        }
        long room = stack.lowAddress - cursor;
        if (budgetBytes >= 0) {
            room = Math.min(room, budgetBytes - ((cursor - base) + spillUsed));
        }
        return Math.max(0, room);
    }

    /** @return the most bytes any frame used, including stack pushes and spill */
    public long highWater() {
        return Math.max(highWater, inFrame ? usedNow() : 0);
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

    /** @return the debug level this arena was created with (its implementation) */
    public DebugLevel debugLevel() { return debug; }

    /** @return whether {@link #release()} ran or the engine closed */
    public boolean isReleased() { return released; }

    String threadName() { return threadName; }
}
