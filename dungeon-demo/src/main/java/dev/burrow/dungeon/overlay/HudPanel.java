package dev.burrow.dungeon.overlay;

import dev.burrow.dungeon.FrameClock;
import dev.burrow.memory.MemorySnapshot;

/** The panel beside the memory overlay: the game's, or the arena's. Drawn each frame; must not allocate. */
public interface HudPanel {
    /** @param snap this frame's snapshot @param clock frame figures */
    void draw(MemorySnapshot snap, FrameClock clock);
}
