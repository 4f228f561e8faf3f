package dev.burrow.memory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tag: its place in the {@code a::b} tree, its budget, and the totals of allocators that closed.
 *
 * <h2>Where the figures come from</h2>
 * <p>Allocators keep their own plain counters (a pool's live slots, a group's bytes); a tag's live bytes,
 * allocations and frees are summed from its allocators, and its children's, when a snapshot is taken. So an
 * allocation under a tag without a budget does no work for the tag at all, and a tag used by allocators on several
 * threads is still exact: every counter has one writer.</p>
 *
 * <h2>Budgets</h2>
 * <p>When this tag or an ancestor has a budget, {@link #budgeted} is set and the tag's allocators {@link #charge}
 * and {@link #discharge} every allocation. Each account with a budget keeps an atomic total: a charge adds to
 * every budgeted account on the way to the root with a compare-and-set that refuses to cross the hard budget, and
 * undoes what it added if an account further up refuses. So a hard budget holds exactly, whatever the threads,
 * for every allocation made after its thread has seen the budget ({@link #budgeted} is a plain field, read on the
 * allocators' fast paths: see {@link EngineMemory#budget}). A budget set while the tag's allocators already hold
 * bytes starts from their sum, read without stopping them: set budgets before allocating under the tag for an
 * exact start.</p>
 *
 * <p>Peak: exact for a tag with a budget; otherwise the largest sum any snapshot saw, and at least the largest
 * peak of any one of its allocators.</p>
 */
final class TagAccount {
    /** Deepest {@code a::b::...} nesting a tag may have. */
    static final int MAX_DEPTH = 16;

    final String name;
    final TagAccount parent;
    final int depth;
    private final Diagnostics diagnostics;
    private final MemoryEvents events;

    volatile long soft = Long.MAX_VALUE;
    volatile long hard = Long.MAX_VALUE;
    /**
     * Whether this tag or an ancestor has a budget: allocators must charge it. A plain field on purpose: it is read
     * on every allocation's fast path, and a volatile read there is a compiler fence that stops the JIT from keeping
     * a pool's free-stack top in a register between a free and the next alloc (measured: 4.5 against 5.9 ns per pair,
     * 5.1 against 9.6 ns over a random live set). Written under the engine's tag lock, so an allocator's thread sees
     * it after any synchronization with the {@link EngineMemory#budget} call (a lock, a volatile, a thread start); a
     * loop already allocating on another thread may finish before it sees a budget set meanwhile.
     */
    boolean budgeted;
    private final AtomicLong budgetLive = new AtomicLong();
    private final AtomicLong budgetPeak = new AtomicLong();
    private final AtomicBoolean overSoft = new AtomicBoolean();

    // Written under the engine's registry lock only.
    long closedAllocs;
    long closedFrees;
    long peakSeen;
    int index; // position in the engine's sorted tag list, for snapshots

    TagAccount(String name, TagAccount parent, Diagnostics diagnostics, MemoryEvents events) {
        this.name = name;
        this.parent = parent;
        this.depth = parent == null ? 1 : parent.depth + 1;
        this.diagnostics = diagnostics;
        this.events = events;
        this.budgeted = parent != null && parent.budgeted;
    }

    boolean hasOwnBudget() {
        return soft != Long.MAX_VALUE || hard != Long.MAX_VALUE;
    }

    /**
     * Charges {@code bytes} to every budgeted account from this one to the root.
     *
     * @throws MemoryBudgetExceededException when a hard budget would be crossed; nothing stays charged then
     */
    void charge(long bytes, String allocator) {
        for (TagAccount a = this; a != null; a = a.parent) {
            if (!a.hasOwnBudget()) {
                continue;
            }
            long now;
            for (;;) {
                long cur = a.budgetLive.get();
                now = cur + bytes;
                if (now > a.hard) {
                    undo(a, bytes);
                    throw a.overHard(cur, bytes, allocator);
                }
                if (a.budgetLive.compareAndSet(cur, now)) {
                    break;
                }
            }
            long peak;
            while (now > (peak = a.budgetPeak.get()) && !a.budgetPeak.compareAndSet(peak, now)) {
                // another thread raised it: retry
            }
        }
        try {
            for (TagAccount a = this; a != null; a = a.parent) {
                if (a.hasOwnBudget() && a.budgetLive.get() > a.soft && a.overSoft.compareAndSet(false, true)) {
                    a.softCrossed(a.budgetLive.get());
                }
            }
        } catch (RuntimeException e) {
            discharge(bytes); // strict about warnings: the allocation does not happen, so nothing stays charged
            throw e;
        }
    }

    /** Takes back what {@link #charge} added below {@code stop} (exclusive). */
    private void undo(TagAccount stop, long bytes) {
        for (TagAccount a = this; a != stop; a = a.parent) {
            if (a.hasOwnBudget()) {
                a.takeBack(bytes);
            }
        }
    }

    /** @return the account's count less {@code bytes}, never below zero (see {@link #discharge}) */
    private long takeBack(long bytes) {
        long cur;
        long now;
        do {
            cur = budgetLive.get();
            now = Math.max(0, cur - bytes);
        } while (!budgetLive.compareAndSet(cur, now));
        return now;
    }

    /**
     * Returns {@code bytes} to every budgeted account up to the root, never below zero (a free of bytes allocated
     * before the allocating thread saw a budget set meanwhile gives back bytes that were never charged).
     */
    void discharge(long bytes) {
        for (TagAccount a = this; a != null; a = a.parent) {
            if (a.hasOwnBudget()) {
                long now = a.takeBack(bytes);
                if (now <= a.soft) {
                    a.overSoft.set(false);
                }
            }
        }
    }

    /** Sets the budget's starting point: the bytes the tag's allocators hold now. */
    void startBudget(long liveNow) {
        budgetLive.set(liveNow);
        long peak;
        while (liveNow > (peak = budgetPeak.get()) && !budgetPeak.compareAndSet(peak, liveNow)) {
            // retry
        }
        overSoft.set(liveNow > soft);
    }

    /** @return bytes the budget counts now (0 without a budget) */
    long budgetLive() {
        return budgetLive.get();
    }

    /** @return the budget's exact peak (0 without a budget) */
    long budgetPeak() {
        return budgetPeak.get();
    }

    private void softCrossed(long now) {
        String msg = "tag \"" + name + "\" is at " + now + " bytes, over its soft budget of " + soft + " bytes";
        events.budget(name, false, msg);
        diagnostics.report(DiagnosticCode.EM501, msg, null, name);
    }

    private MemoryBudgetExceededException overHard(long cur, long bytes, String allocator) {
        String what = "allocation of " + bytes + " bytes in " + allocator + " would take tag \"" + name + "\" to "
            + (cur + bytes) + " bytes, over its hard budget of " + hard + " bytes";
        String msg = Diagnostics.format(DiagnosticCode.EM502, what, null);
        events.budget(name, true, msg);
        diagnostics.count(DiagnosticCode.EM502, msg);
        return new MemoryBudgetExceededException(name, hard, bytes, msg);
    }
}
