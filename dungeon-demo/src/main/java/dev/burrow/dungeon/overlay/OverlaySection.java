package dev.burrow.dungeon.overlay;

import dev.burrow.memory.MemorySnapshot;

/** A collapsible section a host adds to the memory overlay (the arena's simulation figures). Drawn only while open; must not allocate. */
public interface OverlaySection {
    /** @return its title (a constant) */
    String title();

    /** @param snap this frame's snapshot */
    void draw(MemorySnapshot snap);
}
