package dev.burrow.memory;

/**
 * Fixed-size slots for many same-sized things, with O(1) {@link #alloc}/{@link #free} and generation-checked
 * handles. Obtain one with {@link EngineMemory#pool} (confined to the creating thread),
 * {@link EngineMemory#concurrentPool} (frees from any thread) or {@link LevelGroup#pool} (slabs that die with a level).
 *
 * <h2>How it works</h2>
 * <p>Slots of {@link #strideBytes()} bytes live on <em>slabs</em>: native blocks of a power-of-two size aligned to
 * that size; a slot never moves. Everything the pool knows about its slots lives in Java arrays beside them: a stack
 * of free slot indices, and one {@code int} state word per slot (free bit, generation, index). Allocation pops an
 * index; a checked free finds the slot from the address (mask to the slab, one table probe, a multiply for the
 * offset) and pushes it. No path writes bookkeeping into slot memory, so a write after free can damage only the caller's own
 * bytes, never the pool.</p>
 *
 * <h2>Debug levels are classes</h2>
 * <p>The engine picks the implementation once, at creation, as LWJGL picks {@code DebugMemoryStack}:</p>
 * <ul>
 *   <li>{@link DebugLevel#OFF}: the lean pool. Like {@code malloc}, misuse of the address API is undefined: a double
 *       free, a foreign or interior pointer or a free from another thread is not detected, and a later
 *       {@link #alloc()} may hand the bad address out. {@code free(0)} does nothing, and use after {@link #close()}
 *       is still refused. Handles are always checked: a stale, forged or foreign handle is refused at every
 *       level.</li>
 *   <li>{@link DebugLevel#SIMPLE} and {@link DebugLevel#PARANOID}: the checked pool. Every operation first proves
 *       the caller is the owner thread, the pool is open, and the address or handle is a slot of this pool in the
 *       right state; only then does it touch anything. Freed slots are poisoned ({@code 0xCD}) and wait in a
 *       quarantine before reuse, so a write after free is caught ({@code EM104}) and a double free after the slot
 *       was reused is still a double free ({@code EM101}). PARANOID adds guard bytes and a site per slot.</li>
 *   <li>The kill switch ({@link MemoryConfig#systemAllocator}): one system {@code malloc} per slot, checked as above.</li>
 * </ul>
 *
 * <h2>Handles</h2>
 * <p>{@link #acquire()} returns {@code (generation << 20) | index}, never 0 and never negative. A handle is accepted
 * only while it equals its slot's state word and the slot is held through a handle (never a slot from
 * {@link #alloc()}), so a released, reused, made-up or other pool's handle is refused ({@code EM103}). Generations run 1..2047 from a per-pool offset. A slot whose generation wraps is parked in a
 * cooling queue (at most {@link #parkedLimit()} slots) until as many other slots have wrapped, so a stale handle
 * can be accepted only if it was held while its slot was reused 2047 times and then that many more wraps went by;
 * parked slots are bounded by that limit, never growing forever (a {@link #compact()} keeps the slab of each parked
 * slot, so at most that many slabs stay for them).</p>
 *
 * <h2>Threads</h2>
 * <p>A pool belongs to the thread that created it ({@link #claim()} hands it over). A concurrent pool accepts
 * {@code free} and {@code release} from any thread: they travel as values through a bounded ring that the owner
 * drains and validates.</p>
 *
 * <h2>Cost</h2>
 * <p>At OFF, {@code alloc} pops an address off a stack and counts; {@code free} pushes the address it is given and
 * counts, as {@code malloc}'s free takes any pointer; {@code release} checks the handle's state word and pushes
 * the slot's index on a second stack that {@code acquire} pops: no slot memory is read or written, and nothing on
 * these paths is a fence, so the JIT keeps a free and the next alloc in registers. SIMPLE adds the owner check, the
 * state word, the quarantine, the poison written on free and proven intact on reuse (for a 64-byte slot, 8 stores
 * and 8 loads, about 4.5 ns of a pair), the slot found from its address on free and its address from the slot on
 * reuse, and the generation. Neither allocates Java heap; PARANOID records a stack walk per allocation
 * (heap garbage) and is for finding bugs. Figures: {@code docs/performance.md}.</p>
 */
public abstract class Pool implements AutoCloseable {
    /** The most slots one pool can hold (20 bits of a handle). */
    public static final int MAX_SLOTS = 1 << HandleLayout.INDEX_BITS;
    /** The largest slot size. */
    public static final int MAX_SLOT_BYTES = 1 << 20;

    Pool() {
    }

    // ---------------------------------------------------------------- the address API

    /**
     * Allocates one slot. Its contents are undefined ({@code 0xCD} poison below OFF).
     *
     * @return the slot's address; 0 when refused (closed pool, wrong thread), in non-strict mode
     * @throws MemoryBudgetExceededException when the pool's tag would cross its hard budget
     * @throws OutOfNativeMemoryException when a new slab cannot be allocated
     * @throws MemoryDiagnosticException {@code EM106} when the pool already holds {@link #MAX_SLOTS} slots
     */
    public abstract long alloc();

    /**
     * Returns a slot from {@link #alloc()}. {@code free(0)} does nothing, as in C. Below OFF a slot freed twice
     * ({@code EM101}), an address that is not a slot start of this pool or is a slot a handle holds ({@code EM102})
     * and a call from another thread ({@code EM301}) are diagnosed and ignored.
     *
     * @param address the slot
     */
    public abstract void free(long address);

    // ---------------------------------------------------------------- the handle API

    /**
     * Allocates one slot and returns a generation-checked handle to it.
     *
     * @return the handle (never 0, never negative); 0 when refused
     */
    public abstract int acquire();

    /**
     * Resolves a handle.
     *
     * @param handle from {@link #acquire()}
     * @return the slot's address, or 0 for a stale, released, made-up or other pool's handle ({@code EM103})
     */
    public abstract long address(int handle);

    /**
     * Releases the slot of a handle. A handle released twice ({@code EM101}) or stale ({@code EM103}) is diagnosed
     * and ignored: a slot is never released twice.
     *
     * @param handle from {@link #acquire()}
     */
    public abstract void release(int handle);

    /**
     * @param handle a handle
     * @return whether it is the live handle of one of this pool's slots (no diagnostic either way)
     */
    public abstract boolean isValid(int handle);

    // ---------------------------------------------------------------- management

    /**
     * Marks a live slot as long-lived on purpose: it is not reported as a leak when the pool closes.
     *
     * @param address a live slot of this pool
     */
    public abstract void keep(long address);

    /**
     * Grows the pool now to hold at least {@code slots} slots, so a game pays for its peak (a burst of particles) at
     * load time instead of mid-frame. Reserved slots are free; nothing is charged to the tag.
     *
     * @param slots the capacity wanted, at most {@link #MAX_SLOTS}
     * @throws IllegalArgumentException when {@code slots} is over {@link #MAX_SLOTS}
     */
    public abstract void reserve(int slots);

    /**
     * Keeps a handle's slot where it is through {@link #compact()} (its address was given to something that keeps
     * it: a GPU upload, a native library). Pins do not nest.
     *
     * @param handle a live handle ({@code EM103} otherwise)
     */
    public abstract void pin(int handle);

    /**
     * Lets {@link #compact()} move a pinned handle's slot again.
     *
     * @param handle a live handle ({@code EM103} otherwise)
     */
    public abstract void unpin(int handle);

    /**
     * Moves live slots held through handles into fewer slabs and frees the slabs left empty: after a burst, the pool
     * gives its peak back. Handles stay valid ({@link #address(int)} follows the slot); slots allocated with
     * {@link #alloc()} and pinned handles never move, so their slabs stay. An address obtained from
     * {@link #address(int)} before the compaction is stale afterwards: resolving the handle again is the caller's
     * job. Owner thread; allocates Java heap in proportion to the pool (it is not for every frame). Pools drawn from a
     * level group and pools under the kill switch have nothing to give back: 0.
     *
     * @return slabs freed
     */
    public abstract int compact();

    /** @return compactions so far */
    public abstract long compactions();

    /** @return slabs compactions freed so far */
    public abstract long slabsReturned();

    /** @return slots compactions moved so far */
    public abstract long slotsMoved();

    /** @return handles pinned now */
    public abstract int pinned();

    /**
     * Makes the calling thread the owner after a hand-off (a pool built on a loading thread). The caller makes sure
     * the old owner no longer uses it.
     */
    public abstract void claim();

    /**
     * Applies frees that other threads handed to a concurrent pool. A no-op for a confined pool. The owner calls it;
     * a concurrent pool also drains on its own before it would grow and when it closes.
     */
    public void drain() {
    }

    /**
     * Frees the pool's slabs (unless they belong to a level group) and reports live slots as a leak ({@code EM602}),
     * grouped by site. A second close does nothing; a close from a thread that does not own the pool is refused
     * below OFF ({@code EM301}).
     */
    @Override
    public abstract void close();

    /** Closes from the engine or the pool's group: any thread, no owner check, live slots reported as {@code leakCode}. */
    abstract void closeInternal(DiagnosticCode leakCode);

    // ---------------------------------------------------------------- statistics

    /** @return the pool's name, also its tag */
    public abstract String name();

    /** @return the slot size asked for */
    public abstract int slotBytes();

    /** @return the distance between slots in bytes (slot size rounded up, plus guard bytes at PARANOID) */
    public abstract int strideBytes();

    /** @return the guaranteed alignment of every slot */
    public abstract int slotAlignment();

    /** @return live slots */
    public abstract int live();

    /** @return the most slots ever live at once */
    public abstract int peakLive();

    /** @return slots the pool holds (live, free, quarantined and parked) */
    public abstract int capacity();

    /** @return slabs (under the kill switch: slots with memory, each its own malloc) */
    public abstract int slabs();

    /** @return native bytes the pool holds */
    public abstract long reservedBytes();

    /** @return slots parked because their handle generation wrapped (bounded by {@link #parkedLimit()}) */
    public abstract int retired();

    /** @return the most slots the cooling queue parks before it lets the oldest go back into use */
    public abstract int parkedLimit();

    /** @return live slots marked with {@link #keep(long)} (not leaks at close) */
    public abstract int kept();

    /** @return freed slots waiting in the quarantine before reuse (0 at OFF) */
    public abstract int quarantined();

    /** @return allocations so far */
    public abstract long allocs();

    /** @return frees so far (frees from other threads count once drained) */
    public abstract long frees();

    /** @return whether the pool is closed (directly, by its group or by the engine) */
    public abstract boolean isClosed();

    /** @return the group the slabs come from, or null */
    public abstract LevelGroup group();

    /** @return the debug level this pool was created with (its implementation) */
    public abstract DebugLevel debugLevel();

    /** @return whether other threads may free into this pool */
    public boolean isConcurrent() {
        return false;
    }

    /** @return values other threads handed over that found the ring full (0 for a confined pool) */
    public long deferredOverflows() {
        return 0;
    }

    /** @return bytes live under the pool's tag (live slots times slot size) */
    abstract long tagBytes();

    /** @return the pool's tag */
    abstract TagAccount tag();
}
