package dev.burrow.dungeon.gen;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.test.BurrowMemoryTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Engines come from the kit (strict, PARANOID unless a test says otherwise): nothing may be left at teardown. */
@BurrowMemoryTest
class GeneratorTest {
    private final Generator gen = Generator.builtIn();

    @Test
    @BurrowMemoryTest(debug = DebugLevel.SIMPLE) // 1000 levels: PARANOID's site per group allocation costs minutes
    void thousandSeedsAt80x50AreValidAndConnected(EngineMemory mem) {
        mem.frame();
        // Native bytes outside the frame arena's block (which may grow once) must return after every level.
        long baseline = mem.nativeBytes() - mem.snapshot().frameBytes();
        int shapes = 0;
        for (int seed = 0; seed < 1000; seed++) {
            try (Level l = gen.generate(mem, seed, 1 + seed % 15, 80, 50)) {
                List<String> problems = Validator.check(l, mem.frame());
                assertEquals(List.of(), problems, "seed " + seed);
                for (int r = 0; r < l.roomCount(); r++) {
                    shapes |= 1 << l.room(r, 4);
                }
            }
            assertEquals(baseline, mem.nativeBytes() - mem.snapshot().frameBytes(), "seed " + seed + " left bytes behind");
        }
        assertEquals((1 << RoomShapes.COUNT) - 1, shapes, "every room shape, maze and vault appeared");
    }

    @Test
    void sameSeedSameHashAcrossRunsAndTheKillSwitch() {
        long[] hashes = new long[20];
        try (EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults())) {
            for (int i = 0; i < hashes.length; i++) {
                try (Level l = gen.generate(mem, 1000 + i, 1 + i, 80, 50)) {
                    hashes[i] = l.hash();
                }
            }
        }
        try (EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults())) {
            for (int i = hashes.length - 1; i >= 0; i--) { // other order: no state leaks between levels
                try (Level l = gen.generate(mem, 1000 + i, 1 + i, 80, 50)) {
                    assertEquals(hashes[i], l.hash(), "seed " + (1000 + i));
                }
            }
        }
        try (EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults().systemAllocator(true).debug(dev.burrow.memory.DebugLevel.PARANOID))) {
            assertEquals("system", mem.allocatorName());
            for (int i = 0; i < hashes.length; i++) {
                try (Level l = gen.generate(mem, 1000 + i, 1 + i, 80, 50)) {
                    assertEquals(hashes[i], l.hash(), "seed " + (1000 + i) + " under the kill switch");
                }
            }
        }
    }

    @Test
    void differentSeedsDiffer(EngineMemory mem) {
        long a;
        try (Level l = gen.generate(mem, 1, 1, 80, 50)) {
            a = l.hash();
        }
        try (Level l = gen.generate(mem, 2, 1, 80, 50)) {
            assertNotEquals(a, l.hash());
        }
        try (Level l = gen.generate(mem, 1, 2, 80, 50)) {
            assertNotEquals(a, l.hash(), "depth changes the level");
        }
    }

    @Test
    @BurrowMemoryTest(frameArenaBytes = 16 << 20)
    void largeMapsUpTo400x400(EngineMemory mem) {
        // A frame arena sized for the largest map as stress --regen sizes it (128 B a cell, rounded down to a power
        // of two: 16 MiB for 400x400): no overflow, so no EM002 in the build log.
        for (int[] s : new int[][] {{20, 20}, {200, 200}, {400, 400}, {400, 60}, {30, 300}}) {
            try (Level l = gen.generate(mem, 7, 5, s[0], s[1])) {
                assertEquals(List.of(), Validator.check(l, mem.frame()), s[0] + "x" + s[1]);
            }
        }
        assertEquals(0, mem.diagnosticCount(dev.burrow.memory.DiagnosticCode.EM002), "the arena was sized for 400x400");
    }

    @Test
    void sizesOutsideTheLimitsAreRefusedBeforeAllocating(EngineMemory mem) {
        long before = mem.nativeBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gen.generate(mem, 1, 1, 100_000, 100_000));
        assertTrue(e.getMessage().contains("1024x1024"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gen.generate(mem, 1, 1, 5, 5));
        assertEquals(before, mem.nativeBytes());
        assertEquals(0, mem.snapshot().groupCount());
    }

    @Test
    void aFailedAttemptLeavesNothingBehind(EngineMemory mem) {
        Generator retrying = Generator.builtIn();
        retrying.failFirstAttempts = 1;
        Generator direct = Generator.builtIn();
        direct.firstAttempt = 1; // the stream the retry uses
        long hash;
        long bytes;
        long reserved;
        try (Level l = direct.generate(mem, 42, 3, 80, 50)) {
            hash = l.hash();
            bytes = l.group().bytes();
            reserved = l.group().reservedBytes();
        }
        try (Level l = retrying.generate(mem, 42, 3, 80, 50)) {
            assertEquals(1, l.attempt());
            assertEquals(hash, l.hash());
            assertEquals(bytes, l.group().bytes(), "no bytes of the failed attempt survive in the group");
            assertEquals(reserved, l.group().reservedBytes());
        }
        long baseline = mem.nativeBytes();
        Generator hopeless = Generator.builtIn();
        hopeless.failFirstAttempts = Generator.MAX_ATTEMPTS;
        GenerationException e = assertThrows(GenerationException.class, () -> hopeless.generate(mem, 42, 3, 80, 50));
        assertTrue(e.getMessage().startsWith("seed 42 (0x2a) depth 3 size 80x50: no valid level after 12 attempts"), e.getMessage());
        assertEquals(baseline, mem.nativeBytes(), "a seed that fails loudly frees everything");
        assertEquals(0, mem.snapshot().groupCount());
    }

    @Test
    @BurrowMemoryTest(frameArenaBytes = 4096)
    void aFrameOverflowInTheMiddleOfGenerationSpillsAndIsDiagnosed(EngineMemory mem) {
        // Strict mode: an overflow is a warning, so generation carries on in spill blocks and the level is whole.
        long before = mem.nativeBytes();
        try (Level l = gen.generate(mem, 21, 2, 200, 200)) {
            assertEquals(List.of(), Validator.check(l, mem.frame()));
        }
        assertTrue(mem.diagnosticCount(dev.burrow.memory.DiagnosticCode.EM002) >= 1, "overflow diagnosed");
        assertTrue(mem.recentDiagnostics().stream().anyMatch(m -> m.startsWith("[EM002]") && m.contains("next frame grows to")));
        assertEquals(before, mem.nativeBytes() - mem.snapshot().frameBytes(), "spill blocks freed; only the arena's block remains");
    }

    @Test
    void generationUsesTheCallersFrameWhenOneIsOpen(EngineMemory mem) {
        var frame = mem.frame();
        frame.begin();
        long used = frame.used();
        try (Level l = gen.generate(mem, 5, 1, 80, 50)) {
            assertEquals(used, frame.used(), "scratch rolled back inside the caller's frame");
            assertTrue(frame.highWater() > 0);
        }
        frame.end();
    }

    /**
     * Levels measured before the passes' scratch moved from hand-indexed frame arrays to frame collections (int and
     * long lists): the same seed must still make the same level, byte for byte. 720 (seed, depth, size) triples were
     * compared when the change was made; these five keep it so.
     */
    @Test
    @BurrowMemoryTest(debug = DebugLevel.SIMPLE)
    void theSameSeedsMakeTheSameLevelsAsBeforeFrameCollections(EngineMemory mem) {
        long[][] pinned = {
            {1 * 7919L, 1, 80, 50, 0x8956de60a3cf8134L},
            {6 * 7919L, 10, 80, 50, 0x6859649af0cef9b7L},
            {17 * 7919L, 12, 80, 50, 0x60856e68f492a8a6L},
            {28 * 7919L, 18, 80, 90, 0x2d1a8692a60c93a4L},
            {40 * 7919L, 27, 120, 50, 0x7cc201714770054cL},
        };
        for (long[] p : pinned) {
            try (Level l = gen.generate(mem, p[0], (int) p[1], (int) p[2], (int) p[3])) {
                assertEquals(Long.toHexString(p[4]), Long.toHexString(l.hash()), "seed " + p[0] + " depth " + p[1]);
            }
        }
    }

    @Test
    void aFloodOverScratchOfAnAttemptThatWasRolledBackIsRefused(EngineMemory mem) {
        // With raw frame addresses this read freed (poisoned) memory; the lists lose their capacity instead (EM011).
        var frame = mem.frame();
        frame.begin();
        try (Level l = gen.generate(mem, 5, 1, 80, 50)) {
            long mark = frame.mark();
            GenAssets assets = GenAssets.builtIn();
            GenContext c = new GenContext(l, new Rng(1, 2), frame, 1, assets, assets.themes().get(0));
            assertEquals(80 * 50, c.dist.size());
            assertEquals(80 * 50, c.queue.capacity());
            int start = l.upY() * 80 + l.upX();
            assertTrue(Flood.reached(Flood.distances(l, start, c.dist, c.queue)) > 1);
            frame.rollback(mark);
            assertFalse(c.dist.isLive());
            dev.burrow.memory.MemoryDiagnosticException e = assertThrows(dev.burrow.memory.MemoryDiagnosticException.class,
                () -> Flood.distances(l, start, c.dist, c.queue)); // the kit's engines are strict
            assertEquals(dev.burrow.memory.DiagnosticCode.EM011, e.code());
        } finally {
            frame.end();
        }
    }
}
