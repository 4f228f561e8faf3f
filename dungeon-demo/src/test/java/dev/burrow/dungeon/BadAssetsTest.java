package dev.burrow.dungeon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Malformed and truncated asset files through the command line: one line, file:line, exit 3. */
class BadAssetsTest {

    private static Path assets(Path dir, String vault, String population) throws IOException {
        Files.createDirectories(dir.resolve("vaults"));
        Files.createDirectories(dir.resolve("config"));
        if (vault != null) {
            Files.writeString(dir.resolve("vaults").resolve("bad.vault"), vault);
        }
        Files.writeString(dir.resolve("config").resolve("population.conf"),
            population != null ? population : "[monsters]\nrat r 1-5 10 3 1-2 70 0 100 1 - a08060\n");
        return dir;
    }

    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        System.setErr(new PrintStream(e, true));
        try {
            return new String[] {Integer.toString(Main.run(args)), e.toString().trim()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void truncatedVaultFile(@TempDir Path dir) throws IOException {
        Path a = assets(dir, "name: cut\ndepth: 1\nweight: 1\nmap:\n#E#\n#.#\n", null);
        String[] r = run("ascii", "--seed", "1", "--depth", "1", "--assets", a.toString());
        assertEquals("3", r[0], r[1]);
        assertEquals("error: " + a.resolve("vaults").resolve("bad.vault") + ":6: map has no closing 'end' line (truncated file?)", r[1]);
    }

    @Test
    void malformedPopulationFile(@TempDir Path dir) throws IOException {
        Path a = assets(dir, null, "[monsters]\nrat r 1-5 ten 3 1-2 70 0 100 1 - a08060\n");
        String[] r = run("ascii", "--seed", "1", "--depth", "1", "--assets", a.toString());
        assertEquals("3", r[0], r[1]);
        assertEquals("error: " + a.resolve("config").resolve("population.conf") + ":2: weight must be a whole number, got 'ten'", r[1]);
    }

    @Test
    void missingAssetsFolderAndEmptyFile(@TempDir Path dir) throws IOException {
        String[] r = run("ascii", "--assets", dir.resolve("nowhere").toString());
        assertEquals("3", r[0], r[1]);
        assertTrue(r[1].endsWith("nowhere: not a directory (expected an assets folder with vaults/ and config/)"), r[1]);
        Path a = assets(dir.resolve("empty"), "", null);
        r = run("play", "--assets", a.toString());
        assertEquals("3", r[0], "a bad asset fails before any window opens: " + r[1]);
        assertTrue(r[1].contains("bad.vault: missing 'name:'"), r[1]);
    }

    @Test
    void goodCustomAssetsWork(@TempDir Path dir) throws IOException {
        Path a = assets(dir, "name: hut\ndepth: 1-9\nweight: 5\nmap:\n#####\n#...#\n##E##\nend\n", null);
        String[] r = run("ascii", "--seed", "4", "--depth", "2", "--assets", a.toString());
        assertEquals("0", r[0], r[1]);
    }

    @Test
    void keysAndGlyphsGivenTwiceAndTextAfterEndAreMistakes(@TempDir Path dir) throws IOException {
        String hut = "map:\n#####\n#.A.#\n##E##\nend\n";
        String[][] cases = {
            {"name: hut\ndepth: 1-9\nweight: 12\nweight: 3\n" + hut, ":4: 'weight:' given twice (first at line 3)"},
            {"name: hut\ndepth: 1-9\nweight: 5\nlegend: A floor feature\nlegend: A wall\n" + hut,
                ":5: glyph 'A' given twice in the legend (first at line 4)"},
            {"name: hut\ndepth: 1-9\nweight: 5\nlegend: A floor\n" + hut + "weight: banana\n",
                ":10: text after the map's 'end' (one vault per file; comments start with #)"},
        };
        for (String[] c : cases) {
            Path a = assets(dir.resolve(Integer.toString(c[1].hashCode())), c[0], null);
            String[] r = run("ascii", "--seed", "1", "--depth", "1", "--assets", a.toString());
            assertEquals("3", r[0], r[1]);
            assertEquals("error: " + a.resolve("vaults").resolve("bad.vault") + c[1], r[1]);
        }
        Path w = assets(dir.resolve("fullwidth"), "name: hut\ndepth: 1-9\nweight: \uff15\n" + hut, null);
        String[] fw = run("ascii", "--seed", "1", "--depth", "1", "--assets", w.toString());
        assertEquals("3", fw[0], fw[1]);
        assertEquals("error: " + w.resolve("vaults").resolve("bad.vault") + ":3: weight must be a whole number, got '\uff15'", fw[1]);
        Path pw = assets(dir.resolve("fullwidth-population"), null, "[monsters]\nrat r 1-5 \uff11\uff10 3 1-2 70 0 100 1 - a08060\n");
        fw = run("ascii", "--seed", "1", "--depth", "1", "--assets", pw.toString());
        assertEquals("3", fw[0], fw[1]);
        assertTrue(fw[1].endsWith("population.conf:2: weight must be a whole number, got '\uff11\uff10'"), fw[1]);
        Path a = assets(dir.resolve("glyph"), null, "[monsters]\nrat \u6f22 1-5 10 3 1-2 70 0 100 1 - a08060\n");
        String[] r = run("ascii", "--seed", "1", "--depth", "1", "--assets", a.toString());
        assertEquals("3", r[0], r[1]);
        assertTrue(r[1].endsWith("population.conf:2: glyph '\u6f22' is not in the tile atlas (printable ASCII, ! to ~)"), r[1]);
    }

    @Test
    void aCopyOfTheShippedAssetsMakesTheSameLevelsAndAByteOrderMarkIsIgnored(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("copy");
        for (String f : new String[] {"config/population.conf", "config/themes.conf", "vaults/vaults.list"}) {
            Files.createDirectories(a.resolve(f).getParent());
            try (var in = BadAssetsTest.class.getClassLoader().getResourceAsStream("assets/" + f)) {
                Files.write(a.resolve(f), in.readAllBytes());
            }
        }
        for (String n : Files.readAllLines(a.resolve("vaults/vaults.list"))) {
            if (!n.isBlank() && !n.startsWith("#")) {
                try (var in = BadAssetsTest.class.getClassLoader().getResourceAsStream("assets/vaults/" + n.trim())) {
                    Files.write(a.resolve("vaults").resolve(n.trim()), in.readAllBytes());
                }
            }
        }
        // A byte-order mark, as some editors write, on the first line of a file
        Path pop = a.resolve("config/population.conf");
        Files.writeString(pop, "\uFEFF" + Files.readString(pop));
        String builtIn = runOut("ascii", "--seed", "3", "--depth", "5");
        assertEquals(builtIn, runOut("ascii", "--seed", "3", "--depth", "5", "--assets", a.toString()));
        Files.writeString(a.resolve("vaults/vaults.list"), "nowhere.vault\n", java.nio.file.StandardOpenOption.APPEND);
        String[] r = run("ascii", "--seed", "3", "--depth", "5", "--assets", a.toString());
        assertEquals("3", r[0], r[1]);
        assertTrue(r[1].contains("vaults.list:") && r[1].contains("no vault file 'nowhere.vault'"), r[1]);
    }

    private static String runOut(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        try {
            assertEquals(0, Main.run(args));
            return o.toString();
        } finally {
            System.setOut(out);
        }
    }
}
