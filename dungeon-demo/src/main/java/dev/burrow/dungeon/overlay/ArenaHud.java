package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.arena.ArenaSim;
import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;
import imgui.flag.ImGuiCol;

/**
 * The overlay's "Arena" section: the simulation's memory-side figures — enemies alive in their fixed-capacity
 * table, step time, the damage ring's peak against its capacity and everything refused (ring events, projectiles
 * and particles over their lists), and the particle pool's live particles against the slots it holds, with the
 * compactions after bursts (the pools' own figures are in "Pools"). The game itself (health, wave, score) is
 * on the arena's own screen. No garbage.
 */
public final class ArenaHud implements OverlaySection {
    private final ArenaSim sim;
    private final FloatRing stepMs = new FloatRing(MemoryPlots.HISTORY);

    /** @param sim the simulation shown */
    public ArenaHud(ArenaSim sim) {
        this.sim = sim;
    }

    @Override
    public String title() {
        return "Arena";
    }

    @Override
    public void draw(MemorySnapshot snap) {
        stepMs.add(sim.lastStepNanos() / 1e6f);
        Figures.label("enemies ");
        Figures.count(sim.enemies().count());
        Figures.then();
        Figures.label("/");
        Figures.count(sim.enemies().capacity());
        bar((float) sim.enemies().count() / Math.max(1, sim.enemies().capacity()), false);
        if (ImGui.isItemHovered()) {
            ImGui.beginTooltip();
            ImGui.textUnformatted("enemy table rows: native columns in the arena::sim group, capacity fixed at N");
            Figures.label("spawned ");
            Figures.count(sim.spawned());
            ImGui.sameLine();
            Figures.label("killed ");
            Figures.count(sim.killed());
            ImGui.sameLine();
            Figures.label("most together ");
            Figures.count(sim.maxAlive());
            ImGui.endTooltip();
        }
        ImGui.sameLine();
        Figures.label("step ");
        Figures.ms(stepMs.last());
        if (ImGui.isItemHovered()) {
            ImGui.beginTooltip();
            Figures.label("worst of the last 600 frames ");
            Figures.ms(stepMs.max());
            Figures.label("steps so far ");
            Figures.count(sim.steps());
            ImGui.endTooltip();
        }
        float use = (float) sim.ringPeak() / Math.max(1, sim.ringCapacity());
        Figures.label("damage ring ");
        Figures.count(sim.ringPeak());
        Figures.then();
        Figures.label("/");
        Figures.count(sim.ringCapacity());
        bar(use, use > 0.9f);
        if (ImGui.isItemHovered()) {
            ImGui.beginTooltip();
            ImGui.textUnformatted("most damage events in one step, of the ring's capacity; a full ring refuses and counts");
            Figures.label("events so far ");
            Figures.count(sim.ringPushed());
            ImGui.sameLine();
            Figures.label("refused ");
            Figures.count(sim.ringDropped());
            ImGui.sameLine();
            Figures.label("shots refused ");
            Figures.count(sim.shotsRefused());
            ImGui.endTooltip();
        }
        ImGui.sameLine();
        Figures.label("refused ");
        Figures.count(sim.ringDropped() + sim.shotsRefused());
        particles();
    }

    /** The particle pool: live particles against the slots it holds, and what compaction after a burst gave back. */
    private void particles() {
        Figures.label("particles ");
        Figures.count(sim.particleCount());
        Figures.then();
        Figures.label("/");
        Figures.count(sim.particleSlots());
        bar((float) sim.particleCount() / Math.max(1, sim.particleSlots()), false);
        if (ImGui.isItemHovered()) {
            ImGui.beginTooltip();
            ImGui.textUnformatted("live particles of the slots their pool holds: a quarter of the list is reserved for ordinary play;");
            ImGui.textUnformatted("a burst past it takes the whole list, and after the wave the pool is compacted and gives that back");
            Figures.label("reserved ");
            Figures.count(sim.particleReserve());
            ImGui.sameLine();
            Figures.label("list ");
            Figures.count(sim.particleCapacity());
            ImGui.sameLine();
            Figures.label("memory events ");
            Figures.count(sim.memoryEvents());
            Figures.label("compactions ");
            Figures.count(sim.compactions());
            ImGui.sameLine();
            Figures.label("slabs back at the last ");
            Figures.count(sim.lastSlabsReturned());
            ImGui.endTooltip();
        }
        ImGui.sameLine();
        Figures.label("compacted ");
        Figures.count(sim.compactions());
    }

    private static void bar(float fraction, boolean alarm) {
        ImGui.sameLine(160);
        ImGui.pushStyleColor(ImGuiCol.PlotHistogram, alarm ? 0.9f : 0.3f, alarm ? 0.2f : 0.7f, 0.3f, 1f);
        ImGui.progressBar(Math.max(0f, Math.min(1f, fraction)), 120, 8, "");
        ImGui.popStyleColor();
    }
}
