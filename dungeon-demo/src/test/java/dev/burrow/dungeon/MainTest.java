package dev.burrow.dungeon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MainTest {

    private static String[] capture(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = Main.run(args);
            return new String[] {Integer.toString(code), o.toString(), e.toString().trim()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void asciiPrintsMapLegendAndHash() {
        String[] r = capture("ascii", "--seed", "7", "--depth", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("seed 7  depth 3  size 80x50"), r[1]);
        assertTrue(r[1].contains("legend:"));
        assertTrue(r[1].contains("hash "));
        assertTrue(r[1].contains("valid: yes"));
        assertEquals(50 + 1, r[1].lines().filter(l -> l.length() == 80).count() + 1, "50 map rows of 80");
        String[] again = capture("ascii", "--seed", "7", "--depth", "3");
        assertEquals(r[1], again[1], "deterministic");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : new String[][] {
            {"ascii", "--seed", "abc"}, {"ascii", "--depth", "0"}, {"ascii", "--size", "5x5"},
            {"ascii", "--size", "100000x100000"}, {"ascii", "--size", "80by50"}, {"ascii", "--bogus"},
            {"ascii", "--seed"}, {"dance"}, {"ascii", "--size", "80x50x"}, {"ascii", "--size", "80x50xx"},
            {"ascii", "--depth", "99999999999999999999"}, {"play", "--frames", "0"}, {"arena", "--frames", "0"}}) {
            String[] r = capture(args);
            assertEquals("2", r[0], String.join(" ", args));
            assertTrue(r[2].startsWith("error: ") && !r[2].contains("\n"), r[2]);
        }
        assertTrue(capture("ascii", "--size", "100000x100000")[2].contains("1024"), "names the limit");
        assertTrue(capture("ascii", "--depth", "99999999999999999999")[2].contains("--depth must be between 1 and "),
            "a whole number too large for a long is out of range, not 'not a number'");
    }

    /** Integer.parseInt takes any Unicode digit: a flag takes ASCII digits only, and says so naming the flag. */
    @Test
    void numbersAreAsciiDigitsOnly() {
        for (String[] args : new String[][] {
            {"ascii", "--seed", "\uff17"}, {"ascii", "--seed", "0x\uff26\uff26"}, {"ascii", "--seed", "0x+ff"},
            {"ascii", "--depth", "\uff13"}, {"ascii", "--depth", "\u0663"}, {"ascii", "--depth", "1\u0661"},
            {"ascii", "--size", "\uff18\uff10x50"}, {"ascii", "--size", "80x\u0665\u0660"},
            {"play", "--frames", "\uff15"}, {"play", "--keep-levels", "\uff12"}, {"play", "--window", "\uff11280x720"},
            {"arena", "--enemies", "\uff11\uff10\uff10"}, {"arena", "--workers", "\uff12"}}) {
            String[] r = capture(args);
            assertEquals("2", r[0], String.join(" ", args) + ": " + r[1]);
            assertTrue(r[2].startsWith("error: ") && !r[2].contains("\n") && r[2].contains(args[1] + " must "), r[2]);
        }
        String[] r = capture("play", "--frames", "5", "--script", "Gx\uff12");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("error: dungeon-demo play: --script: unknown token 'Gx\uff12' ("), r[2]);
        r = capture("play", "--frames", "5", "--script", "Gx2\uff12");
        assertEquals("2", r[0], r[2]);
        assertEquals("error: dungeon-demo play: --script: bad repeat in 'Gx2\uff12' (use e.g. Gx20)", r[2]);
        assertEquals("0", capture("ascii", "--seed", "+7", "--depth", "1_0", "--size", " 80x50 ")[0], "ASCII forms still parse");
        assertEquals("0", capture("ascii", "--seed", "0xFf")[0]);
    }

    /** Checked before any window opens, so these run without a display. */
    @Test
    void outputFilesAreCheckedBeforeTheGameAndNeverReplaceSomethingElse(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("precious.jar"), new byte[] {'P', 'K', 3, 4, 42});
        String[] r = capture("play", "--frames", "5", "--screenshot", jar.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--screenshot") && r[2].contains("must be a file name ending in .png"), r[2]);
        Path fake = Files.write(dir.resolve("notes.png"), "my notes".getBytes());
        r = capture("arena", "--frames", "5", "--screenshot", fake.toString());
        assertEquals("6", r[0], r[2]);
        assertTrue(r[2].contains("exists and is not a PNG: not replaced"), r[2]);
        assertEquals("my notes", Files.readString(fake));
        assertArrayEquals(new byte[] {'P', 'K', 3, 4, 42}, Files.readAllBytes(jar));
        Files.createDirectories(dir.resolve("shots.png"));
        r = capture("play", "--frames", "5", "--screenshot", dir.resolve("shots.png").toString());
        assertEquals("6", r[0], r[2]);
        assertTrue(r[2].endsWith("shots.png' is a folder"), r[2]);
        r = capture("play", "--frames", "5", "--morgue", jar.toString());
        assertEquals("6", r[0], r[2]);
        assertTrue(r[2].contains("--morgue: cannot write to") && r[2].contains("a file is in the way"), r[2]);
        r = capture("play", "--frames", "5", "--morgue", "");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--morgue needs a folder name"), r[2]);
    }

    /**
     * The play command's frame arena holds a frame of the largest window it is sized for without spilling: the text
     * batch alone asked 935,480 B at 2560x1440 (EM002 over the old 1 MiB block), and a 300x200 map 480,000 B a turn.
     */
    @Test
    void theFrameArenaHoldsTheTextOfA4kWindowAndTheMapsOfABigLevel() {
        long text4k = (3840 / dev.burrow.dungeon.ui.Layout.TEXT_W + 1) * (2160 / dev.burrow.dungeon.ui.Layout.ROW_H + 1)
            * 2L * dev.burrow.dungeon.render.TileRenderer.SPRITE_BYTES;
        assertTrue(text4k > 935_480, "4K is larger than the window that spilled");
        assertTrue(PlayCommand.frameArenaBytes(1280, 720, 80, 50) >= (1 << 20) + text4k);
        assertTrue(PlayCommand.frameArenaBytes(1280, 720, 300, 200) >= (1 << 20) + text4k + 480_000);
        assertTrue(PlayCommand.frameArenaBytes(8192, 8192, 80, 50) > PlayCommand.frameArenaBytes(3840, 2160, 80, 50),
            "a window larger than 4K gets more");
    }
}
