package dev.burrow.dungeon.arena;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.Severity;
import dev.burrow.memory.test.BurrowMemoryTest;
import dev.burrow.memory.test.CapturedDiagnostics;
import dev.burrow.memory.test.MemoryLeaks;
import dev.burrow.memory.test.ZeroGarbage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each test gets a strict engine from the kit, which fails it when slots or group bytes are left at teardown. SIMPLE,
 * not the kit's PARANOID: the arena shoots thousands of pooled projectiles and PARANOID records a site for each.
 */
@BurrowMemoryTest(debug = DebugLevel.SIMPLE, frameArenaBytes = 4 << 20)
class ArenaSimTest {

    private static void steps(ArenaSim sim, FrameArena f, int n) {
        for (int i = 0; i < n; i++) {
            f.begin();
            sim.step();
            f.end();
        }
    }

    private static void piloted(ArenaSim sim, ArenaPilot pilot, FrameArena f, int n) {
        for (int i = 0; i < n; i++) {
            f.begin();
            pilot.drive(sim);
            sim.step();
            f.end();
        }
    }

    @Test
    void spawnToNKillAllRespawnTenTimesBackToBaseline(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 3, 500)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            long nativeBase = -1;
            for (int round = 0; round < 10; round++) {
                sim.setWanted(500);
                for (int i = 0; i < 400 && sim.enemies().count() < 500; i++) {
                    piloted(sim, pilot, f, 1);
                }
                assertEquals(500, sim.enemies().count(), "round " + round + ": the wave refilled to N");
                piloted(sim, pilot, f, 30); // fight a second: projectiles and particles in flight
                assertTrue(sim.particleCount() + sim.projectileCount() > 0);
                sim.setWanted(0);
                sim.clearAll();
                assertEquals(0, sim.enemies().count());
                MemorySnapshot s = mem.snapshot();
                assertEquals(0, s.pool("arena::projectiles").live(), "every projectile slot back in its pool");
                assertEquals(0, s.pool("arena::particles").live(), "every particle slot back in its pool");
                if (nativeBase < 0) {
                    nativeBase = mem.nativeBytes();
                } else {
                    assertEquals(nativeBase, mem.nativeBytes(), "round " + round + ": native bytes back to baseline");
                }
                assertEquals(0, s.diagnosticsTotal(Severity.ERROR));
            }
        }
    }

    @Test
    void sameSeedAndInputGiveTheSameGameStepForStep() {
        long[] a = hashes(11, 2400);
        long[] b = hashes(11, 2400);
        assertArrayEquals(a, b, "two runs, same seed, same (piloted) input: the same state at every step");
        assertFalse(Arrays.equals(a, hashes(12, 2400)), "another seed plays another game");
    }

    @Test
    void twoAndThreeWorkersPlayTheSameGameAsOne() {
        long[] one = hashes(7, 900, 1);
        assertArrayEquals(one, hashes(7, 900, 2), "2 workers: the same state at every step");
        assertArrayEquals(one, hashes(7, 900, 3), "3 workers (uneven shares): the same state at every step");
    }

    @Test
    void aStepOnTwoWorkersAllocatesNoHeap(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 6, 2000, 2)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            assertEquals(2, sim.workers());
            steadyStepsAllocateNothing("piloted arena step on 2 workers", sim, i -> piloted(sim, pilot, f, 1));
        }
    }

    /**
     * Zero Java heap in every measured step (after 900 warm-up steps) that is not a memory event of the sim: a burst
     * taking the particle list's whole capacity, or the compaction after it, cost heap by design (the engine's
     * compaction, and a sampled site per slab grown below OFF) and are counted by {@link ArenaSim#memoryEvents()}.
     * Default JVM flags here: a JIT deoptimisation may re-materialise a scalar-replaced object once, so a round of
     * 300 steps with a steady step that allocated is measured once more; a step that allocates every time fails
     * both rounds. The stress run (scalar replacement off) holds the strict zero.
     */
    private static void steadyStepsAllocateNothing(String what, ArenaSim sim, java.util.function.IntConsumer step) {
        int runs = 300;
        boolean[] event = new boolean[900 + 2 * runs];
        int[] calls = {0};
        long[] seen = {sim.memoryEvents()};
        ZeroGarbage.Block block = (i, phase) -> {
            step.accept(i);
            long e = sim.memoryEvents();
            event[calls[0]++] = e != seen[0];
            seen[0] = e;
        };
        String failure = null;
        for (int round = 0; round < 2; round++) {
            int first = calls[0] + (round == 0 ? 900 : 0);
            ZeroGarbage.Measurement m = ZeroGarbage.of(what).warmUp(round == 0 ? 900 : 0).runs(runs).measure(block);
            failure = null;
            for (int r = 0; r < runs && failure == null; r++) {
                if (m.bytes(r) != 0 && !event[first + r]) {
                    failure = what + ": step " + (first + r) + " allocated " + m.bytes(r) + " B and was no memory event ("
                        + m.describe() + ")";
                }
            }
            if (failure == null) {
                return;
            }
        }
        fail(failure);
    }

    @Test
    void aBurstTakesTheWholeParticleListAndTheCompactionAfterItGivesItBack(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 1, 5000)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            int reserved = sim.particleSlots();
            assertTrue(reserved >= sim.particleReserve() && reserved < sim.particleCapacity(),
                "a quarter of the list up front: " + reserved + " of " + sim.particleCapacity());
            boolean burst = false;
            for (int i = 0; i < 3000 && sim.compactions() == 0; i++) {
                piloted(sim, pilot, f, 1);
                burst |= sim.particleSlots() >= sim.particleCapacity();
            }
            assertTrue(burst, "first contact of the factions is a burst past the reservation: the pool took the whole list");
            assertEquals(1, sim.compactions(), "compacted after the burst, once the run paused");
            assertNotEquals(ArenaSim.PLAYING, sim.state(), "only while play waits (offer or end screen)");
            assertTrue(sim.lastSlabsReturned() > 0);
            assertEquals(reserved, sim.particleSlots(), "back to the reservation: the burst's slabs went back");
            MemorySnapshot.PoolStats p = mem.snapshot().pool("arena::particles");
            assertEquals(1, p.compactions());
            assertEquals(sim.lastSlabsReturned(), p.slabsReturned());
            assertEquals(sim.particleCount(), p.live(), "every particle still there");
            assertEquals(2, sim.memoryEvents(), "the burst and the compaction: one event each");
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.WARNING));
        }
    }

    @Test
    void compactionKeepsEveryParticleWhereItWasAndInOrder(EngineMemory mem) {
        var g = mem.group("shots");
        try (Shots s = new Shots(mem, g, "test::particles", 20_000, 5_000)) {
            int reservedSlots = s.pool().capacity();
            for (int i = 0; i < 20_000; i++) {
                assertTrue(s.spawn(i, -i, 1, 2, 1000, i));
            }
            assertFalse(s.spawn(0, 0, 0, 0, 1, 0), "the list is full: refused, not grown");
            assertEquals(1, s.refused());
            assertTrue(s.grown(), "the burst grew the pool past its reservation");
            for (int i = s.count() - 1; i >= 0; i--) {
                if (i % 97 != 0) {
                    s.kill(i); // scattered survivors on every slab
                }
            }
            int n = s.count();
            float[] before = new float[n * 2];
            for (int i = 0; i < n; i++) {
                before[2 * i] = org.lwjgl.system.MemoryUtil.memGetFloat(s.at(i) + Shots.X);
                before[2 * i + 1] = org.lwjgl.system.MemoryUtil.memGetFloat(s.at(i) + Shots.Y);
            }
            assertTrue(s.compact() > 0, "slabs went back");
            assertFalse(s.grown());
            assertEquals(reservedSlots, s.pool().capacity(), "compacted, then topped up to the reservation");
            assertEquals(n, s.count());
            for (int i = 0; i < n; i++) {
                assertEquals(before[2 * i], org.lwjgl.system.MemoryUtil.memGetFloat(s.at(i) + Shots.X), "particle " + i);
                assertEquals(before[2 * i + 1], org.lwjgl.system.MemoryUtil.memGetFloat(s.at(i) + Shots.Y), "particle " + i);
            }
            assertTrue(s.pool().slotsMoved() > 0, "survivors moved into fewer slabs; their handles followed");
        }
        g.close();
    }

    @Test
    void workersPlayTheSameGameThroughABurstAndItsCompaction() {
        long[] one = hashes(1, 1000, 1, 5000);
        assertArrayEquals(one, hashes(1, 1000, 2, 5000), "2 workers: the same state at every step, compaction included");
    }

    /**
     * The frame arena sized by {@link ArenaSim#frameArenaBytes} holds building the map, every step and a full sprite
     * frame, at every size: no frame spills ({@code EM002}). Sizes up to 50,000 enemies (the map alone takes 9 MB of
     * frame while it is built there), one and two workers.
     */
    @Test
    void theFrameArenaSizedFromTheEnemyCountNeverSpills() {
        int[][] cases = {{1, 1}, {500, 1}, {5000, 2}, {50_000, 1}, {50_000, 2}};
        for (int[] c : cases) {
            long bytes = ArenaSim.frameArenaBytes(c[0], c[1]);
            EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults().frameArenaBytes(bytes));
            CapturedDiagnostics seen = CapturedDiagnostics.on(mem);
            try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 1, c[0], c[1])) {
                FrameArena f = mem.frame();
                ArenaPilot pilot = new ArenaPilot();
                ArenaSprites sprites = ArenaSprites.create();
                for (int i = 0; i < 20; i++) {
                    f.begin();
                    pilot.drive(sim);
                    sim.step();
                    sprites.build(sim, 0.5f, f);
                    f.end();
                }
                MemorySnapshot snap = mem.snapshot();
                for (int i = 0; i < snap.frameCount(); i++) {
                    assertEquals(0, snap.frame(i).overflows(), c[0] + " enemies, " + c[1] + " workers: " + snap.frame(i).thread());
                }
            }
            MemoryLeaks.closeAndAssertNone(mem);
            assertEquals(0, seen.count(DiagnosticCode.EM002), c[0] + " enemies: " + seen.all());
            assertEquals(0, seen.size(), c[0] + " enemies, " + c[1] + " workers: nothing to say about a correct run: " + seen.all());
        }
        long sprites = (50_000L + 25_000 + 200_000 + 1) * ArenaSprites.STRIDE;
        assertTrue(ArenaSim.frameArenaBytes(50_000, 1) >= sprites + ArenaSim.SCREEN_FRAME_BYTES,
            "a frame with every particle of a full list drawn fits too");
    }

    @Test
    void workerArenasHaveTheirBudgetAndPhasesAndStayWithinIt(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 2, 2000, 2)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            piloted(sim, pilot, f, 60);
            MemorySnapshot snap = mem.snapshot();
            MemorySnapshot.FrameStats worker = null;
            MemorySnapshot.FrameStats main = null;
            for (int i = 0; i < snap.frameCount(); i++) {
                if (snap.frame(i).thread().startsWith("arena-worker")) {
                    worker = snap.frame(i);
                } else if (snap.frame(i).thread().equals(Thread.currentThread().getName())) {
                    main = snap.frame(i);
                }
            }
            assertNotNull(worker, "the worker's arena is in the snapshot");
            assertEquals(ArenaSim.WORKER_FRAME_BUDGET, worker.budgetBytes());
            assertEquals(0, worker.overBudgetFrames());
            assertEquals(-1, main.budgetBytes(), "the coordinating thread's arena has no budget of the sim's");
            assertEquals(java.util.List.of(ArenaSim.PHASE_STEER, ArenaSim.PHASE_GRID, ArenaSim.PHASE_SEPARATE, ArenaSim.PHASE_RESOLVE),
                phaseNames(worker));
            assertTrue(phaseNames(main).containsAll(phaseNames(worker)), "share 0 runs on the caller, in the same phases");
            MemorySnapshot.PhaseStats grid = phase(main, ArenaSim.PHASE_GRID);
            assertEquals(7, grid.lastAllocs(), "the grid's seven frame lists (start, items, x, y, faction, cell of row, counts)");
            assertTrue(grid.lastBytes() > 4L * 2000, "the grid's lists hold every row: " + grid.lastBytes());
            assertEquals(0, phase(main, ArenaSim.PHASE_SEPARATE).lastAllocs());
        }
    }

    @Test
    void aGridReadAfterItsStepIsRefused(EngineMemory mem) {
        SpatialGrid grid = new SpatialGrid(40, 30);
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 4, 50)) {
            FrameArena f = mem.frame();
            f.begin();
            grid.rebuild(sim.enemies(), f);
            assertEquals(0, grid.cellStart(0));
            f.end();
            assertThrows(dev.burrow.memory.MemoryDiagnosticException.class, () -> grid.cellStart(0),
                "strict kit engine: the grid's lists went with their frame (EM011), not a read of freed memory");
        }
    }

    private static java.util.List<String> phaseNames(MemorySnapshot.FrameStats f) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < f.phaseCount(); i++) {
            names.add(f.phase(i).name());
        }
        return names;
    }

    private static MemorySnapshot.PhaseStats phase(MemorySnapshot.FrameStats f, String name) {
        for (int i = 0; i < f.phaseCount(); i++) {
            if (f.phase(i).name().equals(name)) {
                return f.phase(i);
            }
        }
        throw new AssertionError("no phase " + name + " in " + phaseNames(f));
    }

    private static long[] hashes(long seed, int n) {
        return hashes(seed, n, 1);
    }

    private static long[] hashes(long seed, int n, int workers) {
        return hashes(seed, n, workers, 500);
    }

    private static long[] hashes(long seed, int n, int workers, int enemies) {
        EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults().frameArenaBytes(ArenaSim.frameArenaBytes(enemies, workers)));
        CapturedDiagnostics.on(mem);
        long[] h = new long[n];
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), seed, enemies, workers)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            for (int i = 0; i < n; i++) {
                piloted(sim, pilot, f, 1);
                h[i] = sim.stateHash();
            }
        }
        MemoryLeaks.closeAndAssertNone(mem);
        return h;
    }

    @Test
    void thePilotMovesDashesClearsWavesAndPicksUpgrades(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 1, 500)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            float minX = Float.MAX_VALUE;
            float maxX = -Float.MAX_VALUE;
            float minY = Float.MAX_VALUE;
            float maxY = -Float.MAX_VALUE;
            int upgrades = 0;
            for (int i = 0; i < 3600; i++) { // two minutes of play
                piloted(sim, pilot, f, 1);
                minX = Math.min(minX, sim.playerX());
                maxX = Math.max(maxX, sim.playerX());
                minY = Math.min(minY, sim.playerY());
                maxY = Math.max(maxY, sim.playerY());
            }
            for (int u = 0; u < Upgrade.COUNT; u++) {
                upgrades += sim.upgradeLevel(u);
            }
            assertTrue(maxX - minX > sim.map().width() / 3f && maxY - minY > sim.map().height() / 3f,
                "the pilot ranges over the arena: x " + minX + ".." + maxX + ", y " + minY + ".." + maxY);
            assertTrue(pilot.dashes() > 0, "it dashed out of a crowd at least once");
            assertTrue(sim.bestWave() >= 3, "it cleared waves: furthest " + sim.bestWave());
            assertTrue(upgrades > 0 || sim.runs() > 1, "a cleared wave in this run means an upgrade taken");
            assertEquals(500, sim.maxAlive());
        }
    }

    @Test
    void aConvergedHordeKeepsItsSpacingAndTheStandingPlayerVisible(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 4, 500)) {
            FrameArena f = mem.frame();
            int checked = 0;
            for (int i = 0; i < 1500 && sim.state() != ArenaSim.OVER; i++) {
                if (sim.state() == ArenaSim.CHOOSING) {
                    sim.input().choose(1);
                }
                steps(sim, f, 1); // nobody at the keys: the horde closes in on a player standing still
                if (i > 120 && i % 10 == 0 && !sim.invulnerable() && sim.state() == ArenaSim.PLAYING) {
                    checked += crowdIsSpaced(sim);
                }
            }
            assertTrue(checked > 200, "enough enemies near the player were checked: " + checked);
        }
    }

    /** @return enemies within 4 cells of the player, after checking their spacing */
    private static int crowdIsSpaced(ArenaSim sim) {
        EnemyTable e = sim.enemies();
        int near = 0;
        float[] nearest = new float[e.count()];
        int k = 0;
        for (int r = 0; r < e.count(); r++) {
            float dx = e.x(r) - sim.playerX();
            float dy = e.y(r) - sim.playerY();
            float d = (float) Math.sqrt(dx * dx + dy * dy);
            // The resolve step keeps everyone KEEP_OUT away; the player then moved at most a step (not at all here).
            assertTrue(d > ArenaSim.KEEP_OUT - 0.01f, "an enemy stands on the player: " + d);
            if (d > 4) {
                continue;
            }
            near++;
            float best = Float.MAX_VALUE;
            for (int o = 0; o < e.count(); o++) {
                if (o != r) {
                    float ox = e.x(r) - e.x(o);
                    float oy = e.y(r) - e.y(o);
                    best = Math.min(best, (float) Math.sqrt(ox * ox + oy * oy));
                }
            }
            nearest[k++] = best;
        }
        if (k > 10) {
            float[] s = Arrays.copyOf(nearest, k);
            Arrays.sort(s);
            assertTrue(s[k / 20] > 0.8f, "5% of the crowd closer than " + s[k / 20] + " cells to a neighbour");
            assertTrue(s[0] > 0.5f, "two enemies on top of each other: " + s[0]);
        }
        return near;
    }

    @Test
    void fallsCostLivesThenTheRunEndsAndARestartBeginsAgainInPlace(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 2, 500)) {
            FrameArena f = mem.frame();
            int lastLives = sim.lives();
            assertEquals(3, lastLives);
            for (int i = 0; i < 20_000 && sim.state() != ArenaSim.OVER; i++) {
                if (sim.state() == ArenaSim.CHOOSING) {
                    sim.input().choose(1);
                }
                steps(sim, f, 1); // standing still: the horde wins
                if (sim.lives() < lastLives) {
                    assertEquals(lastLives - 1, sim.lives(), "one life per fall");
                    if (sim.lives() > 0) {
                        assertTrue(sim.invulnerable(), "a moment of grace after getting up");
                        assertEquals(sim.playerMaxHp(), sim.playerHp(), "up again at full health");
                    }
                    lastLives = sim.lives();
                }
            }
            assertEquals(ArenaSim.OVER, sim.state(), "three falls end the run");
            assertEquals(0, sim.lives());
            assertEquals(3, sim.playerDeaths());
            long score = sim.score();
            long hash = sim.stateHash();
            steps(sim, f, 60);
            assertEquals(hash, sim.stateHash(), "nothing moves on the end screen");
            sim.input().dash(); // asked for on the end screen: not kept for the next run

            sim.input().restart();
            steps(sim, f, 1);
            assertEquals(ArenaSim.PLAYING, sim.state());
            assertEquals(3, sim.lives());
            assertEquals(0, sim.score());
            assertEquals(score, sim.bestScore());
            assertEquals(2, sim.runs());
            assertFalse(sim.dashing(), "the dash asked for on the end screen was dropped");
            MemorySnapshot s = mem.snapshot();
            assertTrue(s.pool("arena::particles").live() <= 20, "the old run's particles went back to their pool");
            steps(sim, f, 60);
            assertTrue(sim.enemies().count() > 0, "a new horde comes");
        }
    }

    @Test
    void aClearedWaveWaitsForAnUpgradeAndTheChoiceApplies(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 1, 500)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            for (int i = 0; i < 9000; i++) {
                piloted(sim, pilot, f, 1); // the pilot restarts after a third fall, and would pick, but stop first
                if (sim.state() == ArenaSim.CHOOSING) {
                    break;
                }
            }
            assertEquals(ArenaSim.CHOOSING, sim.state(), "the pilot cleared wave 1");
            int wave = sim.wave();
            int offered = sim.offer(1);
            assertTrue(offered >= 0 && offered != sim.offer(0) && offered != sim.offer(2), "three different upgrades");
            long hash = sim.stateHash();
            steps(sim, f, 30);
            assertEquals(hash, sim.stateHash(), "play waits while the offer is open");
            sim.input().choose(7); // not a place: ignored
            steps(sim, f, 1);
            assertEquals(ArenaSim.CHOOSING, sim.state());
            sim.input().choose(2);
            steps(sim, f, 1);
            assertEquals(ArenaSim.PLAYING, sim.state());
            assertEquals(wave + 1, sim.wave());
            assertTrue(sim.upgradeLevel(offered) >= 1);
            assertEquals(0, sim.waveKills());
        }
    }

    @Test
    void inputIsSanitised() {
        ArenaInput in = new ArenaInput();
        in.move(Float.NaN, 1);
        assertEquals(0, in.moveX());
        in.move(3, 4);
        assertEquals(0.6f, in.moveX(), 1e-6);
        assertEquals(0.8f, in.moveY(), 1e-6);
        in.choose(0);
        in.choose(4);
        assertEquals(0, in.takeChoice(), "only places 1..3");
        in.choose(3);
        assertEquals(3, in.takeChoice());
        assertEquals(0, in.takeChoice(), "a choice is taken once");
    }

    @Test
    void theDashPassesThroughAndCannotBeHurt(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 5, 50)) {
            FrameArena f = mem.frame();
            float x0 = sim.playerX();
            sim.input().move(1, 0);
            sim.input().dash();
            steps(sim, f, 1);
            assertTrue(sim.dashing() && sim.invulnerable());
            steps(sim, f, ArenaPlayer.DASH_STEPS);
            float dashed = sim.playerX() - x0;
            assertTrue(dashed > 4f, "a dash covers about five cells: " + dashed);
            assertTrue(sim.dashCharge() < 1f, "and then recharges");
            sim.input().dash();
            steps(sim, f, 1);
            assertFalse(sim.dashing(), "not before it has recharged");
        }
    }

    @Test
    void staleIdsAreRefusedAfterRemovalAndSwap(EngineMemory mem) {
        {
            var g = mem.group("ids");
            EnemyTable t = new EnemyTable(g, 8);
            int a = t.add(1, 1, 0, 10);
            int b = t.add(2, 2, 1, 10);
            int c = t.add(3, 3, 2, 10);
            t.removeRow(t.row(a)); // c moves into a's row
            assertEquals(-1, t.row(a), "dead id refused");
            assertEquals(0, t.row(c), "moved enemy still found by its id");
            assertEquals(3f, t.x(t.row(c)));
            int d = t.add(4, 4, 3, 10); // reuses a's slot with a new generation
            assertNotEquals(a, d);
            assertEquals(-1, t.row(a));
            assertEquals(4f, t.x(t.row(d)));
            assertEquals(1, t.row(b));
            assertEquals(-1, t.row(0), "0 is never an id");
            g.close();
        }
    }

    @Test
    void damageRingCountsWhatItCannotHold(EngineMemory mem) {
        {
            var g = mem.group("ring");
            DamageRing r = new DamageRing(g, 4);
            for (int i = 0; i < 6; i++) {
                r.push(i, 1, 0);
            }
            assertEquals(4, r.size());
            assertEquals(2, r.dropped(), "a full ring refuses and counts, never drops silently or grows");
            assertEquals(4, r.peak());
            r.clear();
            assertEquals(0, r.size());
            assertTrue(r.push(9, 2, 7));
            assertEquals(9, r.target(0));
            assertEquals(7, r.source(0));
            g.close();
        }
    }

    @Test
    void aPilotedStepAllocatesNoHeapAndScalesToThousands(EngineMemory mem) {
        try (ArenaSim sim = new ArenaSim(mem, GenAssets.builtIn(), 5, 5000)) {
            FrameArena f = mem.frame();
            ArenaPilot pilot = new ArenaPilot();
            int[] playing = new int[1];
            // 900 warm-up steps: the horde reaches the player, the JIT settles (see steadyStepsAllocateNothing).
            steadyStepsAllocateNothing("piloted arena step at 5000 enemies", sim, i -> {
                playing[0] += sim.state() == ArenaSim.PLAYING ? 1 : 0;
                piloted(sim, pilot, f, 1);
            });
            assertEquals(5000, sim.maxAlive());
            assertEquals(0, sim.ringDropped());
            assertTrue(playing[0] > 900, "measured while playing, not on a paused screen: " + playing[0]);
        }
    }

    @Test
    void laterWavesCostNoHeapEither() {
        // StrictMath.pow(1.25, 3) allocates scratch arrays in JDK 17 (FdLibm): wave 4 once made every step allocate.
        Waves w = new Waves(500);
        dev.burrow.dungeon.gen.Rng rng = new dev.burrow.dungeon.gen.Rng(1, 2);
        for (int wave = 1; wave < 25; wave++) {
            while (w.state() == Waves.PLAYING) {
                w.playerKill(rng);
            }
            ZeroGarbage.of("wave multipliers at wave " + w.wave()).runs(1000).assertZero(i -> multipliers(w, 1));
            assertTrue(w.choose(1) >= 0);
        }
        assertEquals(25, w.wave());
        assertEquals(Math.pow(1.25, 24), w.toughness(), 1e-3 * Math.pow(1.25, 24));
    }

    private static float multipliers(Waves w, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += w.toughness() + w.quickness() + w.ferocity();
        }
        return s;
    }

    @Test
    void octantsWithoutTrigonometry() {
        assertEquals(0, ArenaPilot.sector(1, 0));
        assertEquals(1, ArenaPilot.sector(1, 1));
        assertEquals(2, ArenaPilot.sector(0, 1));
        assertEquals(3, ArenaPilot.sector(-1, 1));
        assertEquals(4, ArenaPilot.sector(-1, 0));
        assertEquals(5, ArenaPilot.sector(-1, -1));
        assertEquals(6, ArenaPilot.sector(0, -1));
        assertEquals(7, ArenaPilot.sector(1, -1));
        assertEquals(0, ArenaPilot.sector(1, 0.4f), "within 22.5 degrees of east is east");
    }
}
