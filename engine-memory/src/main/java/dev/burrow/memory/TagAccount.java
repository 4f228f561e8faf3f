package dev.burrow.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Live bytes, peak and counts for one tag, with its budget. A nested tag {@code a::b} charges {@code a} too.
 *
 * <p>Most tags are used by one thread (pools and groups are thread-confined), so counters are plain fields;
 * once allocators on two threads share a tag it switches to atomic adds for good. A snapshot reads the fields
 * without locking, so a reading taken while another thread allocates can be a few operations stale.</p>
 */
final class TagAccount {
    private static final VarHandle LIVE;
    private static final VarHandle ALLOCS;
    private static final VarHandle FREES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LIVE = l.findVarHandle(TagAccount.class, "live", long.class);
            ALLOCS = l.findVarHandle(TagAccount.class, "allocs", long.class);
            FREES = l.findVarHandle(TagAccount.class, "frees", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    final TagAccount parent;
    private final Diagnostics diagnostics;
    private volatile Thread owner;
    private volatile boolean shared;
    private long live;
    private long peak;
    private long allocs;
    private long frees;
    volatile long soft = Long.MAX_VALUE;
    volatile long hard = Long.MAX_VALUE;
    private boolean overSoft;

    TagAccount(String name, TagAccount parent, Diagnostics diagnostics) {
        this.name = name;
        this.parent = parent;
        this.diagnostics = diagnostics;
    }

    /** Called when an allocator starts using this tag on {@code thread}; a second thread makes it shared. */
    void attach(Thread thread) {
        for (TagAccount a = this; a != null; a = a.parent) {
            synchronized (a) {
                if (a.owner == null) {
                    a.owner = thread;
                } else if (a.owner != thread) {
                    a.shared = true;
                }
            }
        }
    }

    /**
     * Charges {@code bytes} to this tag and its parents, after checking every hard budget on the way.
     *
     * @throws MemoryBudgetExceededException when a hard budget would be crossed; nothing is charged then
     */
    void charge(long bytes, String allocator) {
        if (parent == null && !shared) {
            // The common case, kept small so it inlines into every allocation: one tag, one thread.
            long now = live + bytes;
            if (now > hard) {
                throw overHard(bytes, allocator);
            }
            live = now;
            allocs++;
            if (now > peak) {
                peak = now;
            }
            if (now > soft && !overSoft) {
                softCrossed(now);
            }
            return;
        }
        chargeChain(bytes, allocator);
    }

    private void chargeChain(long bytes, String allocator) {
        for (TagAccount a = this; a != null; a = a.parent) {
            if (a.live + bytes > a.hard) {
                throw a.overHard(bytes, allocator);
            }
        }
        for (TagAccount a = this; a != null; a = a.parent) {
            a.add(bytes);
        }
    }

    private void add(long bytes) {
        long now;
        if (shared) {
            now = (long) LIVE.getAndAdd(this, bytes) + bytes;
            ALLOCS.getAndAdd(this, 1L);
        } else {
            now = live += bytes;
            allocs++;
        }
        if (now > peak) {
            peak = now;
        }
        if (now > soft && !overSoft) {
            softCrossed(now);
        }
    }

    private void softCrossed(long now) {
        overSoft = true;
        diagnostics.report(DiagnosticCode.EM501, "tag \"" + name + "\" is at " + now + " bytes, over its soft budget of "
            + soft + " bytes", null, name);
    }

    /** Returns {@code bytes} to this tag and its parents. */
    void discharge(long bytes) {
        if (parent == null && !shared) {
            long now = live -= bytes;
            frees++;
            if (now <= soft) {
                overSoft = false;
            }
            return;
        }
        for (TagAccount a = this; a != null; a = a.parent) {
            long now;
            if (a.shared) {
                now = (long) LIVE.getAndAdd(a, -bytes) - bytes;
                FREES.getAndAdd(a, 1L);
            } else {
                now = a.live -= bytes;
                a.frees++;
            }
            if (now <= a.soft) {
                a.overSoft = false;
            }
        }
    }

    private MemoryBudgetExceededException overHard(long bytes, String allocator) {
        String msg = Diagnostics.format(DiagnosticCode.EM502, "allocation of " + bytes + " bytes in " + allocator
            + " would take tag \"" + name + "\" to " + (live + bytes) + " bytes, over its hard budget of " + hard
            + " bytes", null);
        diagnostics.count(DiagnosticCode.EM502, msg);
        return new MemoryBudgetExceededException(name, hard, bytes, msg);
    }

    long live() { return live; }

    long peak() { return peak; }

    long allocs() { return allocs; }

    long frees() { return frees; }
}
