package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.FrameClock;
import dev.burrow.dungeon.game.Game;
import dev.burrow.memory.MemorySnapshot;
import imgui.ImGui;
import imgui.flag.ImGuiCol;
import imgui.flag.ImGuiCond;
import imgui.flag.ImGuiWindowFlags;

/** The game panel: depth, health bar, turn, kills, the latest messages and the controls. No garbage per frame. */
public final class GameHud implements HudPanel {
    private static final int MESSAGES = 7;
    private final Game game;

    /** @param game the game to show */
    public GameHud(Game game) {
        this.game = game;
    }

    @Override
    public void draw(MemorySnapshot snap, FrameClock clock) {
        ImGui.setNextWindowPos(10, 10, ImGuiCond.FirstUseEver);
        ImGui.setNextWindowSize(380, 230, ImGuiCond.FirstUseEver);
        ImGui.setNextWindowBgAlpha(0.8f);
        if (ImGui.begin("Burrow", ImGuiWindowFlags.NoFocusOnAppearing)) {
            ImGui.textUnformatted("depth ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(game.depth()));
            ImGui.sameLine();
            ImGui.textUnformatted("  turn ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(game.turn()));
            ImGui.sameLine();
            ImGui.textUnformatted("  kills ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(game.kills()));
            float f = (float) game.hp() / Math.max(1, game.maxHp());
            ImGui.pushStyleColor(ImGuiCol.PlotHistogram, f < 0.3f ? 0.9f : 0.25f, f < 0.3f ? 0.2f : 0.75f, 0.25f, 1f);
            ImGui.progressBar(f, 200, 0, "");
            ImGui.popStyleColor();
            ImGui.sameLine();
            ImGui.textUnformatted("HP ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(game.hp()));
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(" / ");
            ImGui.sameLine(0, 0);
            ImGui.textUnformatted(Labels.of(game.maxHp()));
            ImGui.separator();
            for (int i = MESSAGES - 1; i >= 0; i--) {
                String m = game.log().recent(i);
                if (m != null) {
                    ImGui.textUnformatted(m);
                }
            }
            ImGui.separator();
            ImGui.textUnformatted("move: arrows / WASD / hjklyubn   bump: attack, open");
            ImGui.textUnformatted("> descend   R regenerate   F1 overlay   Esc quit");
        }
        ImGui.end();
    }
}
