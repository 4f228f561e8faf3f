package dev.burrow.dungeon.overlay;

import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.Severity;
import imgui.ImGui;
import imgui.flag.ImGuiCol;

/**
 * The overlay's allocator views, drawn from one snapshot: the summary bars of the three allocators (used against
 * held), the frame arenas, pools, level groups, tags with their budgets, and the diagnostics. Every bar has a
 * tooltip with what it measures and its exact figures. No garbage: figures through {@link Figures}.
 */
final class AllocatorSections {
    private static final DiagnosticCode[] CODES = DiagnosticCode.values();
    private static final float BAR_WIDTH = 130;
    private static final float BAR_HEIGHT = 8;

    private AllocatorSections() {
    }

    /** Dim text until the matching {@code ImGui.popStyleColor()}. */
    static void dim() {
        ImGui.pushStyleColor(ImGuiCol.Text, 0.55f, 0.55f, 0.6f, 1f);
    }

    /** The three allocators, each a bar of what is used against what it holds from the native heap. */
    static void allocators(MemorySnapshot snap) {
        long frameUsed = 0;
        long frameHeld = 0;
        for (int i = 0; i < snap.frameCount(); i++) {
            frameUsed += snap.frame(i).highWaterBytes();
            frameHeld += snap.frame(i).capacityBytes();
        }
        long poolUsed = 0;
        for (int i = 0; i < snap.poolCount(); i++) {
            MemorySnapshot.PoolStats p = snap.pool(i);
            if (!p.inGroup()) {
                poolUsed += (long) p.live() * p.slotBytes();
            }
        }
        long groupUsed = 0;
        for (int i = 0; i < snap.groupCount(); i++) {
            groupUsed += snap.group(i).bytes();
        }
        allocator("frames ", frameUsed, frameHeld, "frame arenas: the most any frame used (high water) of the blocks held");
        allocator("pools  ", poolUsed, snap.poolBytes(), "pools: live slots of the slabs held (slabs drawn from groups count there)");
        allocator("groups ", groupUsed, snap.groupBytes(), "level groups: bytes allocated of the chunks held");
        long heapUsed = 0;
        for (int i = 0; i < snap.heapCount(); i++) {
            heapUsed += snap.heap(i).liveBytes();
        }
        allocator("heaps  ", heapUsed, snap.heapBytes(),
            "size-class heaps (LWJGL's memAlloc among them): live blocks of the slabs and large blocks held");
    }

    private static void allocator(String name, long used, long held, String explain) {
        ImGui.textUnformatted(name);
        ImGui.sameLine();
        bar((float) used / Math.max(1, held), 0);
        tooltip(explain, used, held);
        ImGui.sameLine();
        Figures.kib(used);
        ImGui.sameLine(0, 0);
        Figures.label(" of ");
        Figures.kib(held);
    }

    /** A thin bar; {@code alarm} 0 green, 1 amber, 2 red. */
    static void bar(float fraction, int alarm) {
        ImGui.pushStyleColor(ImGuiCol.PlotHistogram, alarm == 2 ? 0.9f : alarm == 1 ? 0.95f : 0.3f,
            alarm == 2 ? 0.2f : 0.75f, alarm == 2 ? 0.2f : alarm == 1 ? 0.1f : 0.35f, 1f);
        ImGui.progressBar(Math.max(0f, Math.min(1f, fraction)), BAR_WIDTH, BAR_HEIGHT, "");
        ImGui.popStyleColor();
    }

    /** When the bar just drawn is hovered: what it shows, and its figures exactly. */
    static void tooltip(String explain, long used, long held) {
        if (!ImGui.isItemHovered()) {
            return;
        }
        ImGui.beginTooltip();
        ImGui.textUnformatted(explain);
        Figures.kib(used);
        ImGui.sameLine(0, 0);
        Figures.label(" of ");
        Figures.kib(held);
        ImGui.sameLine();
        Figures.label("(");
        Figures.count(used);
        ImGui.sameLine(0, 0);
        Figures.label(" of ");
        Figures.count(held);
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(" bytes)");
        ImGui.endTooltip();
    }

    static void frames(MemorySnapshot snap) {
        for (int i = 0; i < snap.frameCount(); i++) {
            MemorySnapshot.FrameStats f = snap.frame(i);
            ImGui.textUnformatted(f.thread());
            ImGui.sameLine(110);
            bar((float) f.highWaterBytes() / Math.max(1, f.capacityBytes()), f.overflows() > 0 ? 1 : 0);
            if (ImGui.isItemHovered()) {
                ImGui.beginTooltip();
                ImGui.textUnformatted("high water of the frame block; past it a frame spills into overflow blocks (EM002)");
                Figures.label("used this frame ");
                Figures.kib(f.usedBytes());
                ImGui.sameLine();
                Figures.label("high water ");
                Figures.kib(f.highWaterBytes());
                Figures.label("block ");
                Figures.kib(f.capacityBytes());
                ImGui.sameLine();
                Figures.label("overflows ");
                Figures.count(f.overflows());
                ImGui.sameLine();
                Figures.label("frames ");
                Figures.count(f.frames());
                ImGui.endTooltip();
            }
            ImGui.sameLine();
            Figures.kib(f.highWaterBytes());
            ImGui.sameLine(0, 0);
            Figures.label(" of ");
            Figures.kib(f.capacityBytes());
        }
    }

    static void pools(MemorySnapshot snap) {
        if (snap.poolCount() == 0) {
            ImGui.textUnformatted("(none open)");
        }
        for (int i = 0; i < snap.poolCount(); i++) {
            MemorySnapshot.PoolStats p = snap.pool(i);
            ImGui.textUnformatted(p.name());
            ImGui.sameLine(160);
            bar((float) p.live() / Math.max(1, p.capacity()), 0);
            if (ImGui.isItemHovered()) {
                ImGui.beginTooltip();
                ImGui.textUnformatted("live slots of the slots its slabs hold");
                Figures.label("live ");
                Figures.count(p.live());
                ImGui.sameLine(0, 0);
                Figures.label(" of ");
                Figures.count(p.capacity());
                ImGui.sameLine(0, 0);
                Figures.label(" slots of ");
                Figures.count(p.slotBytes());
                ImGui.sameLine(0, 0);
                Figures.label(" B, peak ");
                Figures.count(p.peakLive());
                Figures.label("slabs ");
                Figures.count(p.slabs());
                ImGui.sameLine(0, 0);
                Figures.label(", ");
                Figures.kib(p.reservedBytes());
                ImGui.sameLine();
                ImGui.textUnformatted(p.inGroup() ? "(from a level group)" : p.concurrent() ? "(concurrent)" : "");
                Figures.label("allocs ");
                Figures.count(p.allocs());
                ImGui.sameLine();
                Figures.label("frees ");
                Figures.count(p.frees());
                ImGui.sameLine();
                Figures.label("reuse ");
                Figures.percent(p.reuseRate());
                Figures.label("compactions ");
                Figures.count(p.compactions());
                ImGui.sameLine();
                Figures.label("slabs returned ");
                Figures.count(p.slabsReturned());
                ImGui.sameLine();
                Figures.label("slots moved ");
                Figures.count(p.slotsMoved());
                ImGui.sameLine();
                Figures.label("pinned ");
                Figures.count(p.pinned());
                ImGui.endTooltip();
            }
            ImGui.sameLine();
            Figures.count(p.live());
            ImGui.sameLine(0, 0);
            Figures.label(" / ");
            Figures.count(p.capacity());
            if (p.compactions() > 0 || p.pinned() > 0) {
                compaction(p);
            }
        }
    }

    /** A dim line under a pool that was compacted (or pins slots): what compaction gave back. */
    private static void compaction(MemorySnapshot.PoolStats p) {
        dim();
        ImGui.dummy(8, 0);
        ImGui.sameLine();
        Figures.label("compacted ");
        Figures.count(p.compactions());
        Figures.then();
        Figures.label("x: ");
        Figures.count(p.slabsReturned());
        Figures.then();
        Figures.label(" slabs back, ");
        Figures.count(p.slotsMoved());
        Figures.then();
        Figures.label(" slots moved, ");
        Figures.count(p.pinned());
        Figures.then();
        ImGui.textUnformatted(" pinned");
        ImGui.popStyleColor();
    }

    static void groups(MemorySnapshot snap) {
        for (int i = 0; i < snap.groupCount(); i++) {
            MemorySnapshot.GroupStats g = snap.group(i);
            ImGui.textUnformatted(g.name());
            ImGui.sameLine(160);
            bar((float) g.bytes() / Math.max(1, g.reservedBytes()), 0);
            if (ImGui.isItemHovered()) {
                ImGui.beginTooltip();
                ImGui.textUnformatted("bytes allocated in the group of the chunks it holds; all freed at close()");
                Figures.kib(g.bytes());
                ImGui.sameLine(0, 0);
                Figures.label(" of ");
                Figures.kib(g.reservedBytes());
                ImGui.sameLine(0, 0);
                Figures.label(" in ");
                Figures.count(g.chunks());
                ImGui.sameLine(0, 0);
                Figures.label(" chunks, ");
                Figures.count(g.allocs());
                ImGui.sameLine(0, 0);
                Figures.label(" allocations, ");
                Figures.count(g.pools());
                ImGui.sameLine(0, 0);
                ImGui.textUnformatted(" pools drawn from it");
                ImGui.endTooltip();
            }
            ImGui.sameLine();
            Figures.kib(g.bytes());
        }
        Figures.label("closed so far ");
        Figures.count(snap.groupsClosed());
        if (snap.lastClosedGroup() != null) {
            double ago = (snap.takenAtNanos() - snap.lastClosedGroupAtNanos()) / 1e9;
            boolean fresh = ago < 2.0;
            if (fresh) {
                ImGui.pushStyleColor(ImGuiCol.Text, 1f, 0.85f, 0.3f, 1f);
            }
            ImGui.sameLine();
            ImGui.textUnformatted(fresh ? "just closed" : "last");
            ImGui.sameLine();
            ImGui.textUnformatted(snap.lastClosedGroup());
            ImGui.sameLine();
            Figures.label("freed ");
            Figures.kib(snap.lastClosedGroupBytes());
            if (fresh) {
                ImGui.popStyleColor();
            }
        }
    }

    static void tags(MemorySnapshot snap) {
        for (int i = 0; i < snap.tagCount(); i++) {
            MemorySnapshot.TagStats t = snap.tag(i);
            ImGui.textUnformatted(t.name());
            ImGui.sameLine(160);
            Figures.kib(t.liveBytes());
            ImGui.sameLine(250);
            Figures.label("peak ");
            Figures.kib(t.peakBytes());
            if (!t.hasBudget()) {
                continue;
            }
            long limit = t.hardBytes() != Long.MAX_VALUE ? t.hardBytes() : t.softBytes();
            boolean overSoft = t.liveBytes() > t.softBytes();
            boolean nearHard = t.hardBytes() != Long.MAX_VALUE && t.liveBytes() > t.hardBytes() * 0.9;
            ImGui.dummy(150, 0);
            ImGui.sameLine(160);
            bar((float) t.liveBytes() / Math.max(1, limit), nearHard ? 2 : overSoft ? 1 : 0);
            if (ImGui.isItemHovered()) {
                ImGui.beginTooltip();
                ImGui.textUnformatted("live bytes against the budget: amber past the soft budget, red near the hard one");
                Figures.label("live ");
                Figures.kib(t.liveBytes());
                ImGui.sameLine();
                Figures.label("soft ");
                budget(t.softBytes());
                ImGui.sameLine();
                Figures.label("hard ");
                budget(t.hardBytes());
                ImGui.endTooltip();
            }
        }
    }

    private static void budget(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            ImGui.textUnformatted("none");
        } else {
            Figures.kib(bytes);
        }
    }

    static void diagnostics(MemorySnapshot snap) {
        long errors = snap.diagnosticsTotal(Severity.ERROR);
        long warnings = snap.diagnosticsTotal(Severity.WARNING) - errors;
        Figures.label("errors ");
        Figures.count(errors);
        ImGui.sameLine();
        Figures.label("warnings ");
        Figures.count(warnings);
        for (DiagnosticCode c : CODES) {
            long n = snap.diagnostics(c);
            if (n > 0) {
                ImGui.textUnformatted(c.name());
                ImGui.sameLine(0, 0);
                Figures.label(" x");
                Figures.count(n);
                ImGui.sameLine();
                ImGui.textUnformatted(c.meaning());
            }
        }
        ImGui.pushTextWrapPos(0);
        for (int i = snap.recentDiagnosticCount() - 1, shown = 0; i >= 0 && shown < 3; i--, shown++) {
            ImGui.textUnformatted(snap.recentDiagnostic(i));
        }
        ImGui.popTextWrapPos();
    }
}
