package dev.burrow.dungeon.gen;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every shipped vault, alone in the asset set, is stamped into real levels at a depth it allows: the levels
 * validate, hash the same when made again, and hold what the vault promised (its keys, levers and gates). Every
 * theme makes valid levels too, and memory returns to baseline after each.
 */
class VaultCoverageTest {

    @Test
    void everyShippedVaultStampsValidatesAndIsDeterministic() {
        GenAssets all = GenAssets.builtIn();
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            mem.frame();
            long baseline = mem.nativeBytes() - mem.snapshot().frameBytes();
            for (Vault v : all.vaults()) {
                Generator g = new Generator(new GenAssets(List.of(v), all.population(), all.themes()));
                int depth = v.minDepth;
                int stamped = 0;
                for (long seed = 0; seed < 60 && stamped < 3; seed++) {
                    long hash;
                    int vaultCells = 0;
                    Level made;
                    try {
                        made = g.generate(mem, seed, depth, 80, 50);
                    } catch (GenerationException e) {
                        throw new AssertionError(v.name() + ": " + e.getMessage(), e);
                    }
                    try (Level l = made) {
                        assertEquals(List.of(), Validator.check(l, mem.frame()), v.name() + " seed " + seed);
                        for (int i = 0; i < l.width() * l.height(); i++) {
                            vaultCells += (l.flagsAt(i) & Level.VAULT) != 0 ? 1 : 0;
                        }
                        if (vaultCells > 0) {
                            assertMachinesKept(v, l);
                        }
                        hash = l.hash();
                    }
                    if (vaultCells > 0) {
                        stamped++;
                        try (Level again = g.generate(mem, seed, depth, 80, 50)) {
                            assertEquals(hash, again.hash(), v.name() + " seed " + seed + " made twice");
                        }
                    }
                    assertEquals(baseline, mem.nativeBytes() - mem.snapshot().frameBytes(), v.name() + " seed " + seed + " left bytes behind");
                }
                assertTrue(stamped >= 3, v.name() + " was stamped into only " + stamped + " of 60 levels");
            }
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.WARNING), mem.snapshot().toJson());
        }
    }

    /** Locked doors and gates survive the later passes, and their keys and levers are on the level. */
    private static void assertMachinesKept(Vault v, Level l) {
        int locks = 0;
        int gates = 0;
        int keys = 0;
        int levers = 0;
        for (int c = 0; c < v.content.length; c++) {
            locks += v.terrain[c] == Terrain.DOOR_LOCKED ? 1 : 0;
            gates += v.terrain[c] == Terrain.GATE ? 1 : 0;
            keys += v.content[c] == Vault.KEY ? 1 : 0;
            levers += v.content[c] == Vault.LEVER ? 1 : 0;
        }
        int seenLocks = 0;
        int seenGates = 0;
        int seenKeys = 0;
        for (int i = 0; i < l.width() * l.height(); i++) {
            seenLocks += l.terrainAt(i) == Terrain.DOOR_LOCKED ? 1 : 0;
            seenGates += l.terrainAt(i) == Terrain.GATE ? 1 : 0;
            int h = l.items().atCell(i);
            if (h != 0 && GenAssets.builtIn().population().item(ItemRecord.type(l.items().record(h))).cls() == ItemType.KEY) {
                seenKeys++;
            }
        }
        int seenLevers = 0;
        for (int e = 0; e < l.entityCount(); e++) {
            if (l.entity(e, Level.E_KIND) == Population.FEATURE
                && GenAssets.builtIn().population().feature(l.entity(e, Level.E_TYPE)).kind() == FeatureType.LEVER) {
                seenLevers++;
            }
        }
        // One stamp per level at most with a single-vault set on 80x50 (a second stamp doubles everything).
        assertEquals(0, seenLocks % Math.max(1, locks), v.name() + " locked doors");
        assertEquals(locks == 0 ? 0 : seenLocks / locks * keys, seenKeys, v.name() + " keys");
        assertEquals(gates == 0 ? 0 : seenGates / gates * levers, seenLevers, v.name() + " levers");
    }

    @Test
    void everyThemeMakesValidLevels() {
        GenAssets all = GenAssets.builtIn();
        Generator g = new Generator(all);
        boolean[] seen = new boolean[all.themes().size()];
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            for (int seed = 0; seed < 300; seed++) {
                int depth = 1 + seed % 20;
                try (Level l = g.generate(mem, seed, depth, 80, 50)) {
                    assertEquals(List.of(), Validator.check(l, mem.frame()), "seed " + seed + " depth " + depth);
                    seen[l.theme()] = true;
                }
            }
        }
        for (int t = 0; t < seen.length; t++) {
            assertTrue(seen[t], "theme " + all.themes().get(t).name() + " appeared");
        }
    }
}
