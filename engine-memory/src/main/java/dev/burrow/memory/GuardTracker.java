package dev.burrow.memory;

import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * PARANOID-only bookkeeping: every allocation gets {@link #GUARD_BYTES} of a known pattern right after it and a
 * recorded site; the pattern is checked when the allocation is freed, at frame end and at group close, and an
 * overwritten guard is diagnosed ({@code EM401}) with the allocation's site. Allocates Java heap by design.
 */
final class GuardTracker {
    static final int GUARD_BYTES = 16;
    static final byte GUARD = (byte) 0xAB;

    private final String owner;
    private final Diagnostics diagnostics;
    private final List<Entry> live = new ArrayList<>();

    GuardTracker(String owner, Diagnostics diagnostics) {
        this.owner = owner;
        this.diagnostics = diagnostics;
    }

    /** Writes the guard after {@code [address, address+bytes)} and remembers the allocation. */
    void add(long address, long bytes, String site) {
        MemoryUtil.memSet(address + bytes, GUARD, GUARD_BYTES);
        live.add(new Entry(address, bytes, site));
    }

    /** Writes the guard without remembering (pools keep their own per-slot state). */
    static void arm(long address, long bytes) {
        MemoryUtil.memSet(address + bytes, GUARD, GUARD_BYTES);
    }

    /** @return whether the guard after the allocation is intact; diagnoses it otherwise */
    static boolean check(long address, long bytes, String owner, String site, Diagnostics diagnostics) {
        for (int i = 0; i < GUARD_BYTES; i++) {
            if (MemoryUtil.memGetByte(address + bytes + i) != GUARD) {
                diagnostics.report(DiagnosticCode.EM401, "write past the end of the " + bytes + "-byte allocation at 0x"
                    + Long.toHexString(address) + " in " + owner + " (guard byte " + i + " overwritten)", site, owner + site);
                return false;
            }
        }
        return true;
    }

    void checkAll() {
        for (Entry e : live) {
            check(e.address, e.bytes, owner, e.site, diagnostics);
        }
    }

    void clear() {
        live.clear();
    }

    /** Forgets allocations past the first {@code n} (a group rolled back to a mark). */
    void truncate(int n) {
        while (live.size() > n) {
            live.remove(live.size() - 1);
        }
    }

    int size() {
        return live.size();
    }

    private static final class Entry {
        final long address;
        final long bytes;
        final String site;

        Entry(long address, long bytes, String site) {
            this.address = address;
            this.bytes = bytes;
            this.site = site;
        }
    }
}
