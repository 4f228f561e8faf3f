package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.PromotionResult;
import dev.burrow.memory.test.BurrowMemoryTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Travel keeps its way by promotion: the search's path (frame memory) is promoted at the frame's end into a slot of
 * the "travel::path" pool and walked on the next turns; it is dropped when it no longer holds; when the promotion
 * fails (the pool's budget) every turn searches again and the walk still arrives. Strict engines from the kit: a
 * stale frame list or a slot left at teardown fails the test.
 */
@BurrowMemoryTest(debug = DebugLevel.SIMPLE)
class TravelPathTest {

    /** A game on a level the player knows whole and has to itself, standing on the up stairs. */
    private static Game knownLevel(EngineMemory mem, long seed) {
        Game g = new Game(mem, GenAssets.builtIn(), seed, 80, 50);
        g.setMaxHp(1_000_000);
        Level l = g.level();
        for (int e = l.entityCount() - 1; e >= 0; e--) {
            if (l.entity(e, Level.E_KIND) == Population.MONSTER) {
                l.removeEntity(e); // nothing comes into view to stop the walk
            }
        }
        for (int i = 0; i < l.width() * l.height(); i++) {
            l.setFlagsAt(i, l.flagsAt(i) | Level.REMEMBERED);
        }
        return g;
    }

    private static int pathSlots(EngineMemory mem) {
        MemorySnapshot.PoolStats p = mem.snapshot().pool(TravelPath.POOL);
        return p == null ? 0 : p.live();
    }

    private static boolean onDownStairs(Game g) {
        return g.level().terrain(g.playerX(), g.playerY()) == Terrain.STAIRS_DOWN;
    }

    @Test
    void aWalkToTheStairsSearchesOnceAndFollowsThePromotedPath(EngineMemory mem) {
        try (Game g = knownLevel(mem, 5)) {
            FrameArena f = mem.frame();
            TravelPath path = g.travel.path;
            f.begin();
            assertTrue(g.act(Action.DESCEND), "off the stairs, > travels to them");
            f.end();
            assertEquals(1, path.searches());
            assertEquals(1, f.lastFramePromoted(), "the search's path was promoted at end()");
            assertEquals(TravelPath.BYTES, f.lastFramePromotedBytes());
            int moves = 1; // the search's first step
            for (int frame = 1; frame < 500 && g.busy(); frame++) {
                f.begin();
                g.beginFrame();
                if (frame == 1) {
                    assertTrue(path.holdsSlot(), "picked up in the next frame");
                    assertEquals(1, pathSlots(mem));
                }
                moves += g.continueActivity() ? 1 : 0; // the last frame finds the stairs underfoot: no turn
                f.end();
            }
            assertTrue(onDownStairs(g), "arrived");
            assertTrue(moves > 10, "a walk worth keeping: " + moves + " steps");
            assertEquals(1, path.searches(), "one search for the whole walk");
            assertEquals(1, path.promoted());
            assertEquals(moves - 1, path.followed(), "every step after the first came from the kept path");
            assertEquals(0, path.failed());
            assertFalse(path.holdsSlot(), "walked to its end: dropped");
            assertEquals(0, pathSlots(mem), "its slot went back to the pool");
            assertEquals(0, mem.snapshot().diagnosticsTotal(dev.burrow.memory.Severity.WARNING));
        }
    }

    @Test
    void aChangedMapOrALevelChangeDropsThePath(EngineMemory mem) {
        try (Game g = knownLevel(mem, 5)) {
            FrameArena f = mem.frame();
            TravelPath path = g.travel.path;
            f.begin();
            g.act(Action.DESCEND);
            f.end();
            for (int i = 0; i < 3; i++) {
                f.begin();
                g.beginFrame();
                g.continueActivity();
                f.end();
            }
            assertEquals(1, path.searches());
            assertTrue(path.holdsSlot());
            Level l = g.level();
            l.setTerrain(0, 0, l.terrain(0, 0)); // any change to the terrain: the kept way may be wrong now
            f.begin();
            g.beginFrame();
            g.continueActivity();
            f.end();
            assertEquals(2, path.searches(), "searched again after the map changed");
            f.begin();
            g.beginFrame();
            assertTrue(path.holdsSlot(), "and kept the new path");
            g.act(Action.REGENERATE); // a key stops travel, and the level changes
            f.end();
            assertFalse(path.holdsSlot());
            assertEquals(0, pathSlots(mem), "the slot is free after a level change");
        }
    }

    @Test
    void whenThePromotionDoesNotFitEveryStepSearchesAndTheWalkStillArrives(EngineMemory mem) {
        mem.budget(TravelPath.POOL, 64, 256); // a path's slot is 512 bytes: every promotion crosses the hard budget
        try (Game g = knownLevel(mem, 5)) {
            FrameArena f = mem.frame();
            TravelPath path = g.travel.path;
            int moves = 0;
            for (int frame = 0; frame < 500 && (frame == 0 || g.busy()); frame++) {
                f.begin();
                g.beginFrame();
                moves += (frame == 0 ? g.act(Action.DESCEND) : g.continueActivity()) ? 1 : 0;
                f.end();
                if (frame == 0) {
                    assertEquals(1, f.lastFramePromotionsFailed());
                    assertEquals(PromotionResult.FAILED_BUDGET, f.lastPromotionFailure());
                }
            }
            f.begin();
            g.beginFrame(); // takes the last frame's outcome
            f.end();
            assertTrue(onDownStairs(g), "arrived without a kept path");
            assertTrue(moves > 10, "moves " + moves);
            assertEquals(moves, path.searches(), "one search per step: the fallback");
            assertEquals(0, path.followed());
            assertEquals(0, path.promoted());
            assertEquals(moves, path.failed());
            assertEquals(PromotionResult.FAILED_BUDGET, path.lastFailure());
            assertEquals(0, pathSlots(mem));
        }
    }
}
