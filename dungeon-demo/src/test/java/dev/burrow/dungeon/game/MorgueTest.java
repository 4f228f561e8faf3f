package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.MemoryConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The morgue file: what a dead character leaves, written whole or not at all. */
class MorgueTest {

    private static Game dead(EngineMemory mem) {
        Game g = new Game(mem, GenAssets.builtIn(), 11, 80, 50);
        FrameArena f = mem.frame();
        for (int i = 0; i < 20_000 && !g.dead(); i++) {
            f.begin();
            g.act(Action.FIGHT);
            f.end();
        }
        assertTrue(g.dead());
        return g;
    }

    @Test
    void writesCauseScorePackMessagesAndMapLeavingNoTemporaryFile(@TempDir Path dir) throws IOException {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults()); Game g = dead(mem)) {
            Path file = Morgue.write(dir.resolve("morgue"), g, LocalDateTime.of(2025, 1, 2, 3, 4, 5));
            assertEquals("morgue-20250102-030405-seed11-game1.txt", file.getFileName().toString());
            String text = Files.readString(file);
            assertTrue(text.contains("Died on depth " + g.depth() + " after " + g.turn() + " turns: " + g.cause() + "."), text);
            assertTrue(text.contains("Score " + g.score()), text);
            assertTrue(text.contains("Pack:\n  a) dagger"), text);
            assertTrue(text.contains("You die... Press Enter for a new game."), text);
            assertTrue(text.contains("@"), "the map around the end");
            try (Stream<Path> files = Files.list(dir.resolve("morgue"))) {
                assertEquals(1, files.count(), "no temporary file left beside it");
            }
        }
    }

    @Test
    void aFolderThatCannotBeWrittenFailsWithoutLeavingAnything(@TempDir Path dir) throws IOException {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults()); Game g = dead(mem)) {
            assertThrows(IOException.class, () -> Morgue.write(notADir.resolve("morgue"), g, LocalDateTime.now()));
            assertEquals("x", Files.readString(notADir));
        }
    }
}
