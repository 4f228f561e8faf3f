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
        assertEquals("bad.vault:4: unknown terrain 'lava_lamp' (known: bridge, chasm, closed_door, corridor, deep_water, floor, grass, lava, open_door, pillar, rock, rubble, secret_door, shallow_water, wall)",
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
            "map:", "#E.", "#..", "###", "##.", "end"));
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
        assertEquals(6, a.vaults().size());
        assertFalse(a.population().table(Population.MONSTER).isEmpty());
    }

    @Test
    void populationErrorsNameFileAndLine() {
        AssetException e = assertThrows(AssetException.class, () -> Population.parse("p.conf",
            List.of("[monsters]", "rat r 1-4 30 3 1 a08060", "bat b 1-6 x 4 1 8070a0")));
        assertEquals("p.conf:3: weight must be a whole number, got 'x'", e.getMessage());
        e = assertThrows(AssetException.class, () -> Population.parse("p.conf", List.of("[beasts]")));
        assertEquals("p.conf:1: unknown section [beasts] ([monsters], [items], [features])", e.getMessage());
        e = assertThrows(AssetException.class, () -> Population.parse("p.conf", List.of("[monsters]", "rat r 1-4 30 3")));
        assertEquals("p.conf:2: expected 7 columns (name glyph depth weight hp attack colour), got 5", e.getMessage());
    }
}
