package dev.burrow.dungeon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code -h}, {@code --help} and {@code --version} answer and exit 0, with any command in front of them. */
class HelpVersionTest {

    private static String[] run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        try {
            return new String[] {Integer.toString(Main.run(args)), o.toString()};
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void helpInEveryForm() {
        for (String[] args : new String[][] {{"-h"}, {"--help"}, {"play", "--help"}, {"ascii", "-h"}}) {
            String[] r = run(args);
            assertEquals("0", r[0], String.join(" ", args));
            assertTrue(r[1].startsWith("usage: dungeon-demo"), r[1]);
            assertTrue(r[1].contains("-h | --help | --version"), r[1]);
        }
    }

    @Test
    void versionComesFromThePom() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].matches("dungeon-demo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(LWJGL 3\\.3\\.6, imgui-java 1\\.88\\.0; Java .*\\)\\R"), r[1]);
        assertFalse(r[1].contains("${"), "filtered: " + r[1]);
    }
}
