package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kept levels: going back up returns to the very level left (its monsters where they stood, what was explored),
 * while it is resident; the least recently used is evicted by closing its group, and memory outside the kept
 * levels stays at its baseline through every change; an evicted level comes back from its seed.
 */
class LevelCacheTest {

    private static void act(Game g, FrameArena f, int action) {
        f.begin();
        g.act(action);
        f.end();
    }

    /** Down the stairs (teleporting onto them first: this is about levels, not walking). */
    private static void descend(Game g, FrameArena f) {
        g.player.x = g.level.downX();
        g.player.y = g.level.downY();
        act(g, f, Action.DESCEND);
    }

    private static void ascend(Game g, FrameArena f) {
        g.player.x = g.level.upX();
        g.player.y = g.level.upY();
        act(g, f, Action.ASCEND);
    }

    private static long outsideLevels(MemorySnapshot s) {
        return s.nativeBytes() - s.frameBytes() - s.groupBytes();
    }

    @Test
    void keepsTheLastLevelsEvictsTheOldestAndMemoryStaysAtBaseline() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(1 << 20));
             Game g = new Game(mem, GenAssets.builtIn(), 5, 80, 50, 3)) {
            g.setMaxHp(1_000_000);
            FrameArena f = mem.frame();
            MemorySnapshot snap = mem.snapshot();
            long baseline = outsideLevels(snap);
            Level depth1 = g.level;
            descend(g, f);
            Level depth2 = g.level;
            int monstersAt2 = count(depth2, Population.MONSTER);
            act(g, f, Action.WAIT);
            descend(g, f);
            assertEquals(3, g.cache().size());
            assertEquals(0, g.cache().evictions());
            ascend(g, f);
            assertSame(depth2, g.level, "depth 2 was kept: the same level, not a new one");
            assertEquals(monstersAt2, count(g.level, Population.MONSTER));
            assertEquals(Terrain.STAIRS_DOWN, g.level.terrain(g.player.x, g.player.y), "arrived on its stairs down");
            assertTrue(g.log.recent(0).equals("It is as you left it."), g.log.recent(0));
            for (int d = 3; d <= 6; d++) {
                descend(g, f); // 3 (kept), then 4, 5, 6: each new one evicts the least recently used
                snap = mem.snapshot(snap);
                assertEquals(g.cache().size(), snap.groupCount(), "one group per kept level, the evicted ones closed");
                assertEquals(baseline, outsideLevels(snap), "native memory outside the kept levels at depth " + g.depth());
            }
            assertEquals(3, g.cache().size());
            assertTrue(g.cache().evictions() >= 3, "evictions " + g.cache().evictions());
            assertTrue(depth1.group().isClosed(), "depth 1's group was closed by its eviction");
            assertFalse(g.cache().holds(1));
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.WARNING), "no leak reported: items went back to their pools");
        }
    }

    @Test
    void anEvictedLevelComesBackFromItsSeed() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(1 << 20));
             Game g = new Game(mem, GenAssets.builtIn(), 8, 80, 50, 1)) {
            g.setMaxHp(1_000_000);
            FrameArena f = mem.frame();
            descend(g, f);
            Level first = g.level;
            long seed = first.seed();
            long hash;
            try (EngineMemory other = EngineMemory.create(MemoryConfig.defaults());
                 Level fresh = new Generator(GenAssets.builtIn()).generate(other, seed, 2, 80, 50)) {
                hash = fresh.hash();
            }
            ascend(g, f); // keeping one level: depth 2 is evicted
            assertTrue(first.group().isClosed());
            descend(g, f);
            assertNotSame(first, g.level);
            assertEquals(hash, g.level.hash(), "made again from the same seed: the same level as it was generated");
            ascend(g, f);
            assertEquals("It has changed since you were here.", g.log.recent(0));
        }
    }

    @Test
    void capacityMustBeAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new LevelCache(0));
    }

    private static int count(Level l, int kind) {
        int n = 0;
        for (int e = 0; e < l.entityCount(); e++) {
            n += l.entity(e, Level.E_KIND) == kind ? 1 : 0;
        }
        return n;
    }
}
