package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.FrameClock;
import dev.burrow.dungeon.arena.ArenaSim;
import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;
import imgui.flag.ImGuiCol;
import imgui.flag.ImGuiCond;
import imgui.flag.ImGuiWindowFlags;

/** The arena panel: enemies alive / spawned / killed, step time, damage ring use, shots, the player. No garbage. */
public final class ArenaHud implements HudPanel {
    private final ArenaSim sim;
    private final FloatRing stepMs = new FloatRing(MemoryOverlay.HISTORY);

    /** @param sim the simulation shown */
    public ArenaHud(ArenaSim sim) {
        this.sim = sim;
    }

    @Override
    public void draw(MemorySnapshot snap, FrameClock clock) {
        stepMs.add(sim.lastStepNanos() / 1e6f);
        ImGui.setNextWindowPos(10, 10, ImGuiCond.FirstUseEver);
        ImGui.setNextWindowSize(380, 250, ImGuiCond.FirstUseEver);
        ImGui.setNextWindowBgAlpha(0.8f);
        if (ImGui.begin("Arena", ImGuiWindowFlags.NoFocusOnAppearing)) {
            pair("alive ", sim.enemies().count(), " / wanted ", sim.wanted());
            pair("spawned ", sim.spawned(), "   killed ", sim.killed());
            pair("max alive together ", sim.maxAlive(), "   steps ", sim.steps());
            ImGui.textUnformatted("step ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.tenths(stepMs.last()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" ms, worst of 600: ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.tenths(stepMs.max()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.MS);
            ImGui.textUnformatted("damage ring");
            ImGui.sameLine();
            float use = (float) sim.ringPeak() / Math.max(1, sim.ringCapacity());
            ImGui.pushStyleColor(ImGuiCol.PlotHistogram, use > 0.9f ? 0.9f : 0.3f, use > 0.9f ? 0.2f : 0.7f, 0.3f, 1f);
            ImGui.progressBar(use, 150, 0, "");
            ImGui.popStyleColor();
            ImGui.sameLine();
            ImGui.textUnformatted(Labels.of(sim.ringPeak()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" / ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(sim.ringCapacity()));
            pair("ring dropped ", sim.ringDropped(), "   shots refused ", sim.shotsRefused());
            pair("projectiles ", sim.projectileCount(), "   particles ", sim.particleCount());
            float hp = (float) sim.playerHp() / sim.playerMaxHp();
            ImGui.progressBar(hp, 150, 0, "");
            ImGui.sameLine();
            pair("HP ", sim.playerHp(), "   falls ", sim.playerDeaths());
            ImGui.separator();
            ImGui.textUnformatted("F1 memory overlay   Esc quit");
        }
        ImGui.end();
    }

    private static void pair(String a, long x, String b, long y) {
        ImGui.textUnformatted(a);
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(x));
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(b);
        ImGui.sameLine(0, 0);
        ImGui.textUnformatted(Labels.of(y));
    }
}
