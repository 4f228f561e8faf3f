package dev.burrow.dungeon.overlay;

import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;

/**
 * The overlay's "Phases per thread" section: for each thread's frame arena, its frame budget (and frames over it),
 * what its last frame promoted, and each phase it has seen with a bar of the phase's high water against the arena's
 * block; the tooltip gives the last frame's bytes, allocations and high water and the peaks over all frames. Reads
 * only the snapshot: names are the snapshot's, figures go through {@link Figures}. No garbage.
 */
final class PhaseSection {
    private static final float NAME_X = 18;
    private static final float BAR_X = 110;

    private PhaseSection() {
    }

    static void draw(MemorySnapshot snap) {
        for (int i = 0; i < snap.frameCount(); i++) {
            MemorySnapshot.FrameStats f = snap.frame(i);
            thread(f);
            for (int j = 0; j < f.phaseCount(); j++) {
                phase(f, f.phase(j));
            }
        }
    }

    /** The thread's lines: its name, budget and frames over it; the last frame's promotions. */
    private static void thread(MemorySnapshot.FrameStats f) {
        ImGui.textUnformatted(f.thread());
        ImGui.sameLine(BAR_X);
        AllocatorSections.dim();
        Figures.label("budget ");
        if (f.budgetBytes() < 0) {
            ImGui.textUnformatted("none");
        } else {
            Figures.kib(f.budgetBytes());
            Figures.then();
            Figures.label(", over it in ");
            Figures.count(f.overBudgetFrames());
            Figures.then();
            ImGui.textUnformatted(" frames");
        }
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine(BAR_X);
        Figures.label("last frame promoted ");
        Figures.count(f.promotedLastFrame());
        Figures.then();
        Figures.label(", ");
        Figures.kib(f.promotedBytesLastFrame());
        Figures.then();
        Figures.label(", failed ");
        Figures.count(f.promotionsFailedLastFrame());
        ImGui.popStyleColor();
        if (f.phaseCount() == 0) {
            ImGui.dummy(NAME_X, 0);
            ImGui.sameLine();
            AllocatorSections.dim();
            ImGui.textUnformatted("(no phases: beginPhase/endPhase split a frame)");
            ImGui.popStyleColor();
        }
    }

    private static void phase(MemorySnapshot.FrameStats f, MemorySnapshot.PhaseStats p) {
        ImGui.dummy(NAME_X - 8, 0);
        ImGui.sameLine();
        ImGui.textUnformatted(p.name());
        ImGui.sameLine(BAR_X);
        AllocatorSections.bar((float) p.lastHighWaterBytes() / Math.max(1, f.capacityBytes()),
            p.peakHighWaterBytes() > f.capacityBytes() ? 1 : 0);
        if (ImGui.isItemHovered()) {
            tooltip(f, p);
        }
        ImGui.sameLine();
        Figures.kib(p.lastBytes());
        ImGui.sameLine();
        Figures.count(p.lastAllocs());
        Figures.then();
        ImGui.textUnformatted(" allocs");
    }

    private static void tooltip(MemorySnapshot.FrameStats f, MemorySnapshot.PhaseStats p) {
        ImGui.beginTooltip();
        ImGui.textUnformatted("frame memory held while the phase was open (high water), of the thread's block;");
        ImGui.textUnformatted("bytes and allocations are the phase's own (nested phases count for their parents too)");
        Figures.label("last frame: ");
        Figures.kib(p.lastBytes());
        Figures.then();
        Figures.label(" in ");
        Figures.count(p.lastAllocs());
        Figures.then();
        Figures.label(" allocs, high water ");
        Figures.kib(p.lastHighWaterBytes());
        Figures.label("peak:       ");
        Figures.kib(p.peakBytes());
        Figures.then();
        Figures.label(" in ");
        Figures.count(p.peakAllocs());
        Figures.then();
        Figures.label(" allocs, high water ");
        Figures.kib(p.peakHighWaterBytes());
        Figures.label("block ");
        Figures.kib(f.capacityBytes());
        ImGui.endTooltip();
    }
}
