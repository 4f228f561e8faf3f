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
}
