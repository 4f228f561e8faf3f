package dev.burrow.dungeon.gen;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ThemeLoaderTest {

    private static String error(String... lines) {
        return assertThrows(AssetException.class, () -> ThemeLoader.parse("t.conf", List.of(lines))).getMessage();
    }

    private static final String[] ALL = {"theme: all", "depth: 1-99", "weight: 1", "end"};

    private static String[] with(String... block) {
        List<String> l = new ArrayList<>(List.of(ALL));
        l.addAll(List.of(block));
        return l.toArray(new String[0]);
    }

    @Test
    void malformedThemesNameFileAndLine() {
        assertEquals("t.conf:6: unknown key 'colour' (theme, depth, weight, panel, mazes, empty, shapes, caves, grass, streamers,"
            + " kinds, torches, vaults, walls, floor, end)", error(with("theme: x", "colour: red")));
        assertEquals("t.conf:6: mazes must be between 0 and 100, got 140", error(with("theme: x", "mazes: 140")));
        assertEquals("t.conf:6: unknown shapes name 'hexagon' (rect, cross, circle, cave, pillared, nested)",
            error(with("theme: x", "shapes: rect 10, hexagon 5")));
        assertEquals("t.conf:6: kinds must look like 'river 40, lava 10', got 'river'", error(with("theme: x", "kinds: river")));
        assertEquals("t.conf:6: walls must be 6 hex digits like 9a8a72, got 'brown'", error(with("theme: x", "walls: brown")));
        assertEquals("t.conf:6: theme 'x' has no closing 'end' line (truncated file?)", error(with("theme: x", "depth: 2")));
        assertEquals("t.conf:5: theme 'all' is defined twice (first at line 1)", error(with("theme: all")));
        assertEquals("t.conf:7: 'mazes:' given twice in theme 'x' (first at line 6)", error(with("theme: x", "mazes: 10", "mazes: 20")));
        assertEquals("t.conf:5: theme 'x' has no 'weight:'", error(with("theme: x", "depth: 2", "end")));
        assertEquals("t.conf:1: 'depth:' outside a block (start one with 'theme: NAME')", error("depth: 3"));
        assertEquals("t.conf: no theme covers depth 5 (every depth from 1 to 99 needs one)",
            error("theme: a", "depth: 1-4", "weight: 1", "end", "theme: b", "depth: 6-99", "weight: 1", "end"));
        assertEquals("t.conf:5: theme 'x' wants streamers but every kind has weight 0",
            error(with("theme: x", "depth: 2", "weight: 1", "streamers: 1-2", "kinds: river 0", "end")));
    }

    @Test
    void unsetKeysKeepTheClassicValues() {
        Theme t = ThemeLoader.parse("t.conf", List.of(ALL)).get(0);
        assertEquals(8, t.mazes);
        assertArrayEquals(new int[] {40, 12, 12, 12, 12, 10}, t.shapes);
        assertEquals(0x9a8a72, t.wallRgb());
    }

    @Test
    void depthOneAndDepthTenDrawFromDifferentThemes() {
        GenAssets a = GenAssets.builtIn();
        Generator g = new Generator(a);
        java.util.Set<String> shallow = new java.util.TreeSet<>();
        java.util.Set<String> deep = new java.util.TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            shallow.add(a.themes().get(g.themeFor(seed, 1)).name());
            deep.add(a.themes().get(g.themeFor(seed, 10)).name());
        }
        assertEquals(java.util.Set.of("dungeon"), shallow);
        assertEquals(java.util.Set.of("caves", "flooded", "halls", "lava", "mazes"), deep);
    }
}
