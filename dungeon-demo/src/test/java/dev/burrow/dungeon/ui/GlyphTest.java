package dev.burrow.dungeon.ui;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.dungeon.render.Palette;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** What a glyph means must not depend on where it is drawn, and a wall must never look like a monster. */
class GlyphTest {

    @Test
    void theWindowDrawsTheGlyphsAsciiPrints() {
        for (int t = 0; t < Terrain.COUNT; t++) {
            assertEquals(Terrain.glyph(t), (char) Palette.GLYPH[t], Terrain.name(t));
        }
        assertEquals(Terrain.glyph(Terrain.DEEP_WATER), '~');
    }

    @Test
    void noTerrainLooksLikeAMonsterAndTrapsAreNotLava() {
        Population pop = GenAssets.builtIn().population();
        Set<Character> monsters = new HashSet<>();
        for (int i = 0; i < pop.monsterCount(); i++) {
            monsters.add(pop.monster(i).glyph());
        }
        for (int t = 0; t < Terrain.COUNT; t++) {
            assertFalse(monsters.contains(Terrain.glyph(t)), Terrain.name(t) + " looks like a monster");
        }
        assertNotEquals(Terrain.glyph(Terrain.PILLAR), pop.monster(pop.find(Population.MONSTER, "ogre")).glyph());
        char trap = pop.feature(pop.find(Population.FEATURE, "trap")).glyph();
        assertNotEquals(Terrain.glyph(Terrain.LAVA), trap);
        assertNotEquals(Terrain.glyph(Terrain.SHALLOW_WATER), Terrain.glyph(Terrain.DEEP_WATER));
    }
}
