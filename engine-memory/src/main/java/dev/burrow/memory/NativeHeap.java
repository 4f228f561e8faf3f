package dev.burrow.memory;

import org.lwjgl.system.Configuration;
import org.lwjgl.system.jemalloc.JEmalloc;
import org.lwjgl.system.libc.LibCStdlib;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only class that calls malloc and free. Every frame block, pool slab and group chunk comes from here.
 *
 * <p>Two back ends: jemalloc through {@code org.lwjgl.system.jemalloc} (the default), or the C library's
 * malloc when the kill switch {@code BURROW_SYSTEM_ALLOCATOR=1} is on, so valgrind and friends see every
 * allocation. LWJGL's jemalloc build has stats disabled, so every counter here is Burrow's own.</p>
 *
 * <p>Cost: one native call plus three uncontended atomic adds per block. Blocks are big and rare (slab or chunk
 * growth), except under the kill switch, where every allocation is a block on purpose.</p>
 *
 * <p>Fault injection: with {@code failAfter = n > 0} the n-th call to {@link #malloc} (1-based) fails with
 * {@link OutOfNativeMemoryException} as if the system had returned NULL.</p>
 */
final class NativeHeap {
    /** Alignment that plain malloc guarantees on every platform LWJGL supports. */
    static final long MALLOC_ALIGN = 16;
    private static final System.Logger LOG = System.getLogger("dev.burrow.memory");
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private final boolean system;
    private final long failAfter;
    private final Diagnostics diagnostics;
    private final AtomicLong mallocCalls = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong liveBlocks = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong frees = new AtomicLong();

    NativeHeap(boolean system, long failAfter, Diagnostics diagnostics) {
        this.system = system;
        this.failAfter = failAfter;
        this.diagnostics = diagnostics;
        pinLwjglAllocator(system);
    }

    /**
     * Pins LWJGL's own allocator (MemoryUtil.memAlloc) to the same back end, because LWJGL's default changes
     * between versions, and logs once which one this process uses.
     */
    private static void pinLwjglAllocator(boolean system) {
        if (Configuration.MEMORY_ALLOCATOR.get() == null) {
            Configuration.MEMORY_ALLOCATOR.set(system ? "system" : "jemalloc");
        }
        if (LOGGED.compareAndSet(false, true)) {
            String lib = system ? "system malloc (kill switch)" : "jemalloc " + JEmalloc.getLibrary().getPath();
            LOG.log(System.Logger.Level.DEBUG, "engine-memory native heap: " + lib
                + "; LWJGL MemoryUtil allocator pinned to " + Configuration.MEMORY_ALLOCATOR.get());
        }
    }

    /** @return "jemalloc" or "system" */
    String name() {
        return system ? "system" : "jemalloc";
    }

    /** @return whether the kill switch is on */
    boolean isSystem() {
        return system;
    }

    /**
     * Allocates a block.
     *
     * @param bytes size, at least 1
     * @param align a power of two
     * @param tag what it is for, named in the failure message
     * @return the address, never 0
     * @throws OutOfNativeMemoryException when the allocation fails (or is made to fail)
     */
    long malloc(long bytes, long align, String tag) {
        long n = mallocCalls.incrementAndGet();
        long address;
        if (failAfter > 0 && n == failAfter) {
            address = 0;
        } else if (align <= MALLOC_ALIGN) {
            address = system ? LibCStdlib.nmalloc(bytes) : JEmalloc.nje_malloc(bytes);
        } else {
            long rounded = (bytes + align - 1) & -align; // C11 aligned_alloc wants a multiple of the alignment
            address = system ? LibCStdlib.naligned_alloc(align, rounded) : JEmalloc.nje_aligned_alloc(align, rounded);
        }
        if (address == 0) {
            throw outOfMemory(bytes, tag, n);
        }
        NativeBlocks.INSTANCE.allocated(address, bytes, align); // only while an LWJGL allocator is attached
        long live = liveBytes.addAndGet(bytes);
        liveBlocks.incrementAndGet();
        long peak;
        while (live > (peak = peakBytes.get()) && !peakBytes.compareAndSet(peak, live)) {
            // retry: another thread raised the peak concurrently
        }
        return address;
    }

    private OutOfNativeMemoryException outOfMemory(long bytes, String tag, long n) {
        String why = failAfter == n ? " (fault injected: BURROW_FAIL_AFTER=" + failAfter + ")" : "";
        String msg = Diagnostics.format(DiagnosticCode.EM701,
            "native allocation #" + n + " of " + bytes + " bytes for \"" + tag + "\" failed in " + name() + why, null);
        diagnostics.count(DiagnosticCode.EM701, msg);
        return new OutOfNativeMemoryException(tag, bytes, msg);
    }

    /**
     * Frees a block from {@link #malloc}.
     *
     * @param address the block
     * @param bytes the size it was allocated with
     * @param align the alignment it was allocated with
     */
    void free(long address, long bytes, long align) {
        NativeBlocks.INSTANCE.freed(address, bytes, align);
        if (system) {
            if (align <= MALLOC_ALIGN) {
                LibCStdlib.nfree(address);
            } else {
                LibCStdlib.naligned_free(address);
            }
        } else {
            JEmalloc.nje_free(address);
        }
        liveBytes.addAndGet(-bytes);
        liveBlocks.decrementAndGet();
        frees.incrementAndGet();
    }

    /** @return bytes currently allocated from the system through this heap */
    long liveBytes() { return liveBytes.get(); }

    /** @return blocks currently allocated */
    long liveBlocks() { return liveBlocks.get(); }

    /** @return the most bytes ever live at once */
    long peakBytes() { return peakBytes.get(); }

    /** @return calls to malloc so far (including failed ones) */
    long mallocCalls() { return mallocCalls.get(); }

    /** @return calls to free so far */
    long freeCalls() { return frees.get(); }
}
