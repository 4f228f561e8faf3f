package dev.burrow.dungeon.overlay;

import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;

/**
 * The overlay's "Native outside the allocators" section: LWJGL's own memory ({@code memAlloc} and friends, GLFW,
 * imgui-java's LWJGL side) as Burrow's allocator counts it — live bytes, per tag and thread, what was allocated while
 * no engine was attached (untracked), and frees of blocks Burrow never allocated — then every size-class heap with a
 * bar of its live bytes against what it holds. Reads only the snapshot. No garbage.
 */
final class NativeSection {
    private static final float NAME_X = 18;
    private static final float BAR_X = 160;

    private NativeSection() {
    }

    static void draw(MemorySnapshot snap) {
        lwjgl(snap);
        heaps(snap);
    }

    private static void lwjgl(MemorySnapshot snap) {
        Figures.label("LWJGL ");
        if (!snap.lwjglInstalled()) {
            AllocatorSections.dim();
            ImGui.textUnformatted("not tracked: BurrowLwjglAllocator.install() first in main");
            ImGui.popStyleColor();
            return;
        }
        Figures.kib(snap.lwjglBytes());
        ImGui.sameLine();
        AllocatorSections.dim();
        ImGui.textUnformatted(snap.lwjglAttached() ? "live, charged here" : "live (charged to another engine)");
        ImGui.popStyleColor();
        for (int i = 0; i < snap.heapCount(); i++) {
            MemorySnapshot.HeapStats h = snap.heap(i);
            if (h.lwjgl()) {
                lwjglTag(h);
            }
        }
        Figures.label("untracked ");
        Figures.count(snap.lwjglUntrackedBlocks());
        Figures.then();
        Figures.label(" blocks, ");
        Figures.kib(snap.lwjglUntrackedBytes());
        if (ImGui.isItemHovered()) {
            hint("allocated while no engine was attached (before the first, after the last): jemalloc's, in no tag");
        }
        ImGui.sameLine();
        Figures.label("stranger frees ");
        Figures.count(snap.lwjglStrangerFrees());
        if (ImGui.isItemHovered()) {
            hint("memFree of blocks Burrow never allocated, refused and left allocated (EM903)");
        }
    }

    /** A one-line tooltip (textUnformatted: ImGui's own tooltip call would read the text as a format). */
    private static void hint(String text) {
        ImGui.beginTooltip();
        ImGui.textUnformatted(text);
        ImGui.endTooltip();
    }

    /** One tag's LWJGL memory on one thread: "tag (thread)  12.3 KiB in 4 blocks". */
    private static void lwjglTag(MemorySnapshot.HeapStats h) {
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine();
        ImGui.textUnformatted(h.name());
        ImGui.sameLine(0, 0);
        Figures.label(" (");
        ImGui.textUnformatted(h.thread());
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(")");
        ImGui.sameLine(BAR_X);
        Figures.kib(h.liveBytes());
        Figures.then();
        Figures.label(" in ");
        Figures.count(h.liveBlocks());
        Figures.then();
        ImGui.textUnformatted(" blocks");
    }

    private static void heaps(MemorySnapshot snap) {
        ImGui.textUnformatted("size-class heaps");
        if (snap.heapCount() == 0) {
            ImGui.sameLine();
            AllocatorSections.dim();
            ImGui.textUnformatted("(none open)");
            ImGui.popStyleColor();
        }
        for (int i = 0; i < snap.heapCount(); i++) {
            heap(snap.heap(i));
        }
    }

    private static void heap(MemorySnapshot.HeapStats h) {
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine();
        ImGui.textUnformatted(h.name());
        ImGui.sameLine(BAR_X);
        AllocatorSections.bar((float) h.liveBytes() / Math.max(1, h.reservedBytes()), 0);
        if (ImGui.isItemHovered()) {
            tooltip(h);
        }
        ImGui.sameLine();
        Figures.kibOf(h.liveBytes(), h.reservedBytes());
    }

    private static void tooltip(MemorySnapshot.HeapStats h) {
        ImGui.beginTooltip();
        ImGui.textUnformatted("live blocks of the slabs and large blocks the heap holds");
        Figures.label("thread ");
        ImGui.textUnformatted(h.thread());
        ImGui.sameLine();
        ImGui.textUnformatted(h.lwjgl() ? "(LWJGL's memAlloc)" : h.retired() ? "(retired: its owner closed)" : "");
        Figures.label("live ");
        Figures.count(h.liveBlocks());
        Figures.then();
        Figures.label(" blocks, ");
        Figures.kib(h.liveBytes());
        Figures.then();
        Figures.label(", of which large ");
        Figures.count(h.largeBlocks());
        Figures.then();
        Figures.label(", ");
        Figures.kib(h.largeBytes());
        Figures.label("allocs ");
        Figures.count(h.allocs());
        ImGui.sameLine();
        Figures.label("frees ");
        Figures.count(h.frees());
        ImGui.sameLine();
        Figures.label("held ");
        Figures.kib(h.reservedBytes());
        for (int c = 0; c < h.classCount(); c++) {
            if (h.classCapacity(c) > 0) {
                sizeClass(h, c);
            }
        }
        ImGui.endTooltip();
    }

    /** A size class in use: "  64 B  12 / 1,024 in 1 slab". */
    private static void sizeClass(MemorySnapshot.HeapStats h, int c) {
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine();
        Figures.bytes(h.classBytes(c));
        ImGui.sameLine(90);
        Figures.count(h.classLive(c));
        Figures.then();
        Figures.label(" / ");
        Figures.count(h.classCapacity(c));
        Figures.then();
        Figures.label(" in ");
        Figures.count(h.classSlabs(c));
        Figures.then();
        ImGui.textUnformatted(" slabs");
    }
}
