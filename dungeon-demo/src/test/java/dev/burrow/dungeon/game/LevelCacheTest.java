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
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> new LevelCache(mem, 0, Game.MAX_DEPTH));
        }
    }

    /** Where each monster stands and what lies where: the state a kept level must bring back. */
    private static String state(Level l) {
        StringBuilder b = new StringBuilder();
        for (int e = 0; e < l.entityCount(); e++) {
            if (l.entity(e, Level.E_KIND) == Population.MONSTER) {
                b.append('m').append(l.entity(e, Level.E_TYPE)).append('@').append(l.entity(e, Level.E_X)).append(',')
                    .append(l.entity(e, Level.E_Y)).append(' ').append(l.entity(e, Level.E_HP)).append("hp;");
            }
        }
        b.append('|');
        for (int i = 0; i < l.width() * l.height(); i++) {
            if (l.items().atCell(i) != 0) {
                b.append('i').append(dev.burrow.dungeon.gen.ItemRecord.type(l.items().record(l.items().atCell(i)))).append('@').append(i).append(';');
            }
        }
        return b.toString();
    }

    /**
     * Plays a few turns on the level so its state differs from what generation made, then wounds every monster
     * (something only play does) and puts it to sleep, so none walks on the turn of the player's return.
     */
    private static void disturb(Game g, FrameArena f) {
        for (int i = 0; i < 6; i++) {
            act(g, f, Action.WAIT);
        }
        Level l = g.level;
        for (int e = 0; e < l.entityCount(); e++) {
            if (l.entity(e, Level.E_KIND) == Population.MONSTER) {
                l.setEntity(e, Level.E_HP, 1);
                l.setEntity(e, Level.E_STATE, 0);
            }
        }
    }

    /**
     * The level's state is {@code expected}: the same items, and the same monsters where they were (a wandering
     * monster may have arrived on the turn of the return: it comes after them in the entity table).
     */
    private static void assertState(String expected, String actual, String what) {
        String[] e = expected.split("\\|", -1);
        String[] a = actual.split("\\|", -1);
        assertTrue(a[0].startsWith(e[0]), what + ": monsters\n" + e[0] + "\n" + a[0]);
        assertEquals(e[1], a[1], what + ": items");
    }

    private static MemorySnapshot.StreamingStats levelsBudget(EngineMemory mem) {
        MemorySnapshot s = mem.snapshot();
        for (int i = 0; i < s.streamingCount(); i++) {
            if (s.streaming(i).name().equals(LevelCache.BUDGET)) {
                return s.streaming(i);
            }
        }
        throw new AssertionError("no streaming budget " + LevelCache.BUDGET);
    }

    @Test
    void downThreeAndUpThreeWithRoomForAllFindsEveryLevelAsLeft() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(1 << 20));
             Game g = new Game(mem, GenAssets.builtIn(), 12, 80, 50, 4)) {
            g.setMaxHp(1_000_000);
            FrameArena f = mem.frame();
            Level[] level = new Level[5];
            String[] left = new String[5];
            for (int d = 1; d <= 3; d++) {
                disturb(g, f);
                level[d] = g.level;
                left[d] = state(g.level);
                descend(g, f);
            }
            MemorySnapshot.StreamingStats budget = levelsBudget(mem);
            assertEquals(4, budget.entries(), "four levels in the budget");
            assertEquals(1, budget.pinned(), "the one being played is pinned");
            assertEquals(0, budget.evictions());
            assertTrue(budget.usedBytes() <= budget.capacityBytes());
            for (int d = 3; d >= 1; d--) {
                ascend(g, f);
                assertEquals(d, g.depth());
                assertSame(level[d], g.level, "depth " + d + " was kept");
                assertState(left[d], state(g.level), "monsters and items where they were at depth " + d);
                assertEquals("It is as you left it.", g.log.recent(0));
            }
            assertEquals(0, g.cache().evictions());
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.WARNING));
        }
    }

    @Test
    void downThreeAndUpThreeWithRoomForOneRegeneratesEveryLevelFresh() {
        long[] hash = new long[5];
        String[] fresh = new String[5];
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults().frameArenaBytes(1 << 20));
             Game g = new Game(mem, GenAssets.builtIn(), 12, 80, 50, 1)) {
            g.setMaxHp(1_000_000);
            FrameArena f = mem.frame();
            Level[] level = new Level[5];
            for (int d = 1; d <= 3; d++) {
                try (EngineMemory other = EngineMemory.create(MemoryConfig.defaults());
                     Level made = new Generator(GenAssets.builtIn()).generate(other, g.level.seed(), d, 80, 50)) {
                    hash[d] = made.hash();
                    fresh[d] = state(made);
                }
                disturb(g, f);
                level[d] = g.level;
                descend(g, f);
                assertTrue(level[d].group().isClosed(), "room for one: depth " + d + " was evicted on the way down");
            }
            MemorySnapshot.StreamingStats budget = levelsBudget(mem);
            assertEquals(1, budget.entries());
            assertEquals(3, budget.evictions());
            for (int d = 3; d >= 1; d--) {
                ascend(g, f);
                assertNotSame(level[d], g.level);
                assertEquals(hash[d], g.level.hash(), "depth " + d + " made again from its seed");
                assertState(fresh[d], state(g.level), "fresh monsters and items at depth " + d);
                assertEquals("It has changed since you were here.", g.log.recent(0));
            }
            assertEquals(6, g.cache().evictions());
            assertEquals(6, levelsBudget(mem).evictions(), "the engine's budget made each call");
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.WARNING), "no refusal: the budget fits the level played");
        }
    }

    private static int count(Level l, int kind) {
        int n = 0;
        for (int e = 0; e < l.entityCount(); e++) {
            n += l.entity(e, Level.E_KIND) == kind ? 1 : 0;
        }
        return n;
    }
}
