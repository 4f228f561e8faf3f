package dev.burrow.memory;

import dev.burrow.games.LateInstallGame;
import dev.burrow.games.LeakyGame;
import dev.burrow.games.StrangerGame;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link BurrowLwjglAllocator#install()} for real: LWJGL takes its allocator once per process, so each game runs in
 * a JVM of its own, with nothing but the default logging, and the test reads what a player's console would show.
 */
class LwjglInstallTest {
    private static final Path GAMES = Path.of("src", "test", "java", "dev", "burrow", "games");

    /** @return the child's stdout and stderr, after checking its exit code */
    static String run(Class<?> game, int expectedExit) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(game.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), game.getSimpleName() + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), game.getSimpleName() + " exit code; output:\n" + text);
        return text;
    }

    private static int lineOf(String file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(GAMES.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + file);
    }

    @Test
    void aGameThatForgetsAMemFreeIsToldItsClassAndLine() throws Exception {
        String out = run(LeakyGame.class, 0);
        int line = lineOf("LeakyGame.java", "// LEAK-LINE");
        int nativeLine = lineOf("LeakyGame.java", "// NATIVE-LEAK-LINE");
        List<String> leaks = out.lines().filter(l -> l.contains("[EM902]")).toList();
        assertEquals(1, leaks.size(), out);
        String leak = leaks.get(0);
        assertTrue(leak.contains("2 block(s), 176 bytes at engine close: 1 allocation(s), 128 bytes at LeakyGame.main:" + line
            + "; 1 allocation(s), 48 bytes at native code, for LeakyGame.main:" + nativeLine), leak);
        assertTrue(leak.matches(".*LWJGL also keeps \\d+ block\\(s\\), \\d+ bytes it allocated for itself.*"),
            "LWJGL's own state is told apart, not called the game's leak: " + leak);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void installingAfterLwjglChoseItsAllocatorSaysSoOnce() throws Exception {
        String out = run(LateInstallGame.class, 0);
        List<String> late = out.lines().filter(l -> l.contains("[EM901]")).toList();
        assertEquals(1, late.size(), out);
        assertTrue(late.get(0).contains("came after LWJGL chose its allocator (JEmallocAllocator)"), late.get(0));
        assertTrue(out.contains("installed=false attached=false EM901=1"), out);
    }

    @Test
    void aCarelessGameIsToldEveryMistakeAndLivesOn() throws Exception {
        String out = run(StrangerGame.class, 0);
        assertTrue(out.contains("alive"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("[EM101]")), "double frees\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.contains("[EM102]") && l.contains("Burrow pool")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("[EM903]")), out);
        assertEquals(1, out.lines().filter(l -> l.contains("[EM902]")).count(), "the block allocated last leaks\n" + out);
        assertFalse(out.contains("Exception"), out);
    }
}
