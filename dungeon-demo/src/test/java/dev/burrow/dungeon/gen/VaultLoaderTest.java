package dev.burrow.dungeon.gen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class VaultLoaderTest {

    private static String error(String text) {
        AssetException e = assertThrows(AssetException.class, () -> VaultLoader.parse("bad.vault", List.of(text.split("\n", -1))));
        return e.getMessage();
    }

    @Test
    void malformedFilesNameFileAndLine() {
        assertEquals("bad.vault:2: depth must look like 3 or 2-9, got 'deep'",
            error("name: x\ndepth: deep\nweight: 1\nmap:\n#E#\n#.#\n###\nend"));
        assertEquals("bad.vault:3: weight must be between 1 and 1000, got 0",
            error("name: x\ndepth: 1\nweight: 0\nmap:\n#E#\n#.#\n###\nend"));
        assertEquals("bad.vault:6: glyph 'X' in column 2 is not in the legend (add 'legend: X <terrain> [content]')",
            error("name: x\ndepth: 1\nweight: 1\nmap:\n#E#\n#X#\n###\nend"));
        assertEquals("bad.vault:2: unknown key 'colour' (name, depth, weight, rotate, mirror, legend, map)",
            error("name: x\ncolour: red\n"));
        assertEquals("bad.vault:4: unknown terrain 'lava_lamp' (known: bridge, chasm, closed_door, corridor, deep_water, floor, gate, grass, lava, locked_door, open_door, pillar, rock, rubble, secret_door, shallow_water, wall)",
            error("name: x\ndepth: 1\nweight: 1\nlegend: L lava_lamp\nmap:\n#E#\nend"));
        assertEquals("bad.vault:5: rotate: expected yes or no, got 'maybe'".replace("rotate: ", ""),
            error("name: x\ndepth: 1\nweight: 1\n\nrotate: maybe"));
        assertEquals("bad.vault:6: glyph 'M' puts something on impassable wall",
            error("name: x\ndepth: 1\nweight: 1\nlegend: M wall monster\nmap:\nME#\n#.#\n###\nend"));
    }

    @Test
    void truncatedFilesAreCaught() {
        assertEquals("bad.vault:7: map has no closing 'end' line (truncated file?)",
            error("name: x\ndepth: 1\nweight: 1\nmap:\n#E#\n#.#\n###"));
        assertEquals("bad.vault: missing 'map:'", error("name: x\ndepth: 1\nweight: 1"));
        assertEquals("bad.vault: missing 'name:'", error(""));
        assertEquals("bad.vault:5: map has no entrance (glyph E, or a legend entry with 'entrance')",
            error("name: x\ndepth: 1\nweight: 1\nmap:\n###\n#.#\n###\nend"));
    }

    @Test
    void rotationAndMirrorMapCellsConsistently() {
        Vault v = VaultLoader.parse("ok.vault", List.of("name: l", "depth: 1", "weight: 1", "rotate: yes", "mirror: yes",
            "map:", "#E.", "#..", "#.#", "#..", "end"));
        assertEquals(3, v.width());
        assertEquals(4, v.height());
        // Each transform is a bijection over the cells.
        for (int r = 0; r < 4; r++) {
            for (boolean m : new boolean[] {false, true}) {
                int w = (r & 1) == 0 ? 3 : 4;
                int h = (r & 1) == 0 ? 4 : 3;
                boolean[] seen = new boolean[12];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int src = v.cell(x, y, r, m);
                        assertFalse(seen[src], "r" + r + " m" + m);
                        seen[src] = true;
                    }
                }
            }
        }
        assertEquals(0, v.cell(0, 0, 0, false));
        assertEquals(9, v.cell(0, 0, 1, false), "quarter turn clockwise: bottom-left comes to the top-left");
    }

    @Test
    void shippedAssetsParse() {
        GenAssets a = GenAssets.builtIn();
        assertTrue(a.vaults().size() >= 30, "at least 30 vaults: " + a.vaults().size());
        assertTrue(a.themes().size() >= 6, "dungeon, caves, flooded, lava, mazes, halls: " + a.themes().size());
        assertFalse(a.population().table(Population.MONSTER).isEmpty());
    }

    @Test
    void populationErrorsNameFileAndLine() {
        AssetException e = assertThrows(AssetException.class, () -> Population.parse("p.conf",
            List.of("[monsters]", RAT, "bat b 1-6 x 4 1-2 65 30 50 2 flies 8070a0")));
        assertEquals("p.conf:3: weight must be a whole number, got 'x'", e.getMessage());
        e = assertThrows(AssetException.class, () -> Population.parse("p.conf", List.of("[beasts]")));
        assertEquals("p.conf:1: unknown section [beasts] ([monsters], [items], [features])", e.getMessage());
        e = assertThrows(AssetException.class, () -> Population.parse("p.conf", List.of("[monsters]", "rat r 1-4 30 3")));
        assertEquals("p.conf:2: expected 12 columns (name glyph depth weight hp damage accuracy defence speed xp traits colour), got 5",
            e.getMessage());
    }

    private static final String RAT = "rat r 1-4 30 3 1-2 70 0 100 1 - a08060";

    private static String populationError(String... rows) {
        List<String> lines = new java.util.ArrayList<>(List.of("[monsters]", RAT));
        lines.addAll(List.of(rows));
        return assertThrows(AssetException.class, () -> Population.parse("p.conf", lines)).getMessage();
    }

    @Test
    void newPopulationColumnsAreChecked() {
        assertEquals("p.conf:3: unknown trait 'swims' (ranged, flies, erratic, pack, or - for none)",
            populationError("eel e 1-4 30 3 1-2 70 0 100 1 swims 3060a0"));
        assertEquals("p.conf:3: damage must look like 3 or 1-5, got '1-2-3'",
            populationError("eel e 1-4 30 3 1-2-3 70 0 100 1 - 3060a0"));
        assertEquals("p.conf:3: speed must be between 25 and 1000, got 0",
            populationError("eel e 1-4 30 3 1-2 70 0 0 1 - 3060a0"));
        assertEquals("p.conf:3: 'rat' is already in this table (names must be unique: vaults refer to them)",
            populationError(RAT));
        assertEquals("p.conf:4: unknown class 'ring' (potion, scroll, wand, weapon, armour, gold, key, amulet)",
            populationError("[items]", "ring = 1-9 5 ring - - ffb000"));
        assertEquals("p.conf:4: unknown potion effect 'flight' (heal, haste, telepathy, levitation, life)",
            populationError("[items]", "potion ! 1-9 5 potion flight 10 ffb000"));
        assertEquals("p.conf:4: a weapon has no effect: write '-', got 'heal'",
            populationError("[items]", "club ) 1-9 5 weapon heal 2-4 ffb000"));
        assertEquals("p.conf:4: a key has no amount: write '-', got '3'",
            populationError("[items]", "key - 1-9 0 key - 3 ffb000"));
        assertEquals("p.conf:4: unknown kind 'throne' (fountain, altar, trap, lever)",
            populationError("[features]", "throne \\ 1-9 5 throne - ffb000"));
        Population p = Population.parse("p.conf", List.of("[monsters]", "goblin_archer a 2-9 10 9 2-4 75 10 100 7 ranged,erratic 90c040"));
        MonsterType m = p.monster(0);
        assertEquals("goblin archer", m.name(), "underscores show as spaces");
        assertTrue(m.has(MonsterType.RANGED) && m.has(MonsterType.ERRATIC) && !m.has(MonsterType.FLIES));
        assertEquals(2, m.damageMin());
        assertEquals(4, m.damageMax());
    }

    private static String vaultError(String... lines) {
        return error(String.join("\n", lines));
    }

    @Test
    void machineRoomsMustBeSolvable() {
        assertEquals("bad.vault:5: 1 locked door(s) but 0 key(s): each locked door needs a key in the vault",
            vaultError("name: x", "depth: 1", "weight: 1", "map:", "#####", "#.L.#", "##E##", "end"));
        assertEquals("bad.vault:6: the key in column 3 cannot be reached from an entrance without passing a locked door or gate",
            vaultError("name: x", "depth: 1", "weight: 1", "map:", "#####", "#.K.#", "##L##", "#...#", "##E##", "end"));
        assertEquals("bad.vault:5: the vault has gates but no lever to raise them",
            vaultError("name: x", "depth: 1", "weight: 1", "map:", "#####", "#.|.#", "##E##", "end"));
        assertEquals("bad.vault:5: the vault has a lever but no gates for it to raise",
            vaultError("name: x", "depth: 1", "weight: 1", "map:", "#####", "#./.#", "##E##", "end"));
        assertEquals("bad.vault:4: a named content is monster=NAME, item=NAME or feature=NAME, got 'torch=big'",
            vaultError("name: x", "depth: 1", "weight: 1", "legend: T floor torch=big", "map:", "#T#", "#E#", "###", "end"));
        // Solvable: the key lies before the door it opens, the lever before its gate.
        Vault ok = VaultLoader.parse("ok.vault", List.of("name: ok", "depth: 1", "weight: 1", "map:",
            "#######", "#..|./#", "#..#..#", "#L###K#", "#.....#", "###E###", "end"));
        assertEquals(7, ok.width());
    }

    @Test
    void namedContentsAreCheckedAgainstTheTables() {
        Vault v = VaultLoader.parse("den.vault", List.of("name: den", "depth: 1", "weight: 1",
            "legend: G floor monster=gobbo", "map:", "#G#", "#E#", "###", "end"));
        AssetException e = assertThrows(AssetException.class, () -> v.resolve(GenAssets.builtIn().population()));
        assertEquals("den.vault:4: no monster named 'gobbo' in the population tables", e.getMessage());
        Vault k = VaultLoader.parse("k.vault", List.of("name: k", "depth: 1", "weight: 1", "map:", "#K.#", "#.L#", "#E##", "end"));
        Population noKeys = Population.parse("p.conf", List.of("[monsters]", RAT));
        e = assertThrows(AssetException.class, () -> k.resolve(noKeys));
        assertEquals("k.vault:5: the vault has a key but the population tables have no item of class key", e.getMessage());
    }
}
