package dev.burrow.dungeon.overlay;

import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;

/**
 * The overlay's "Streaming budgets" section: each budget's used bytes against its capacity, its evictions (and the
 * bytes they freed) and refusals, then its resident entries — name, bytes, priority, pinned, and age (uses of the
 * budget since the entry was last used: the least recently used is the oldest of the lowest priority, and goes
 * first). At most {@value #ENTRIES} entries per budget are listed. Reads only the snapshot. No garbage.
 */
final class StreamingSection {
    static final int ENTRIES = 12;
    private static final float NAME_X = 18;
    private static final float BAR_X = 160;

    private StreamingSection() {
    }

    static void draw(MemorySnapshot snap) {
        if (snap.streamingCount() == 0) {
            AllocatorSections.dim();
            ImGui.textUnformatted("(none: mem.streaming(name, bytes) keeps large reloadable things)");
            ImGui.popStyleColor();
        }
        for (int i = 0; i < snap.streamingCount(); i++) {
            budget(snap.streaming(i));
        }
    }

    private static void budget(MemorySnapshot.StreamingStats s) {
        ImGui.textUnformatted(s.name());
        ImGui.sameLine(BAR_X);
        boolean refusing = s.refusals() > 0;
        AllocatorSections.bar((float) s.usedBytes() / Math.max(1, s.capacityBytes()), refusing ? 1 : 0);
        if (ImGui.isItemHovered()) {
            tooltip(s);
        }
        ImGui.sameLine();
        Figures.kibOf(s.usedBytes(), s.capacityBytes());
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine();
        AllocatorSections.dim();
        Figures.label("evicted ");
        Figures.count(s.evictions());
        Figures.then();
        Figures.label(", ");
        Figures.kib(s.evictedBytes());
        ImGui.sameLine();
        Figures.label("refused ");
        Figures.count(s.refusals());
        ImGui.sameLine();
        Figures.label("pinned ");
        Figures.count(s.pinned());
        ImGui.popStyleColor();
        int shown = Math.min(ENTRIES, s.entries());
        for (int e = 0; e < shown; e++) {
            entry(s, e);
        }
        if (s.entries() > shown) {
            ImGui.dummy(NAME_X - 8, 0);
            ImGui.sameLine();
            Figures.label("+");
            Figures.count(s.entries() - shown);
            Figures.then();
            ImGui.textUnformatted(" more");
        }
    }

    /** One resident entry: "name  12.3 KiB  p 2  pinned  age 5". */
    private static void entry(MemorySnapshot.StreamingStats s, int e) {
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine();
        ImGui.textUnformatted(s.entryName(e));
        ImGui.sameLine(BAR_X);
        Figures.kib(s.entryBytes(e));
        ImGui.sameLine(BAR_X + 90);
        Figures.label("p ");
        Figures.signed(s.entryPriority(e));
        ImGui.sameLine();
        if (s.entryPinned(e)) {
            ImGui.textUnformatted("pinned");
        } else {
            Figures.label("age ");
            Figures.count(s.entryAge(e));
        }
    }

    private static void tooltip(MemorySnapshot.StreamingStats s) {
        ImGui.beginTooltip();
        ImGui.textUnformatted("bytes its resident entries count, of what it may hold; a reservation that does not fit");
        ImGui.textUnformatted("evicts the least recently used of the lowest priority (never a pinned one), or is refused");
        Figures.label("used ");
        Figures.kibOf(s.usedBytes(), s.capacityBytes());
        Figures.then();
        Figures.label(" in ");
        Figures.count(s.entries());
        Figures.then();
        Figures.label(" entries, ");
        Figures.count(s.pinned());
        Figures.then();
        ImGui.textUnformatted(" pinned");
        Figures.label("evictions ");
        Figures.count(s.evictions());
        Figures.then();
        Figures.label(" (");
        Figures.kib(s.evictedBytes());
        Figures.then();
        Figures.label("), refusals ");
        Figures.count(s.refusals());
        Figures.then();
        ImGui.textUnformatted(" (EM503)");
        ImGui.endTooltip();
    }
}
