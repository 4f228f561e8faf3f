package dev.burrow.stress;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Pool;
import dev.burrow.memory.test.BurrowMemoryTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code stress diff}: two snapshot files compared; bad files are one line naming the file, exit 3. */
class DiffTest {

    @Test
    @BurrowMemoryTest
    void printsWhatGrewAppearedAndWent(EngineMemory mem, @TempDir Path dir) throws Exception {
        Pool bullets = mem.pool("bullets", 32);
        LevelGroup old = mem.group("level-1");
        old.alloc(1000, 8);
        long a = bullets.alloc();
        Files.writeString(dir.resolve("a.json"), mem.snapshot().toJson());
        old.close();
        LevelGroup next = mem.group("level-2");
        next.alloc(4000, 8);
        long[] more = new long[40];
        for (int i = 0; i < more.length; i++) {
            more[i] = bullets.alloc();
        }
        Files.writeString(dir.resolve("b.json"), mem.snapshot().toJson());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, new Diff(new PrintStream(bytes, true)).run(new String[] {"diff", dir.resolve("a.json").toString(),
            dir.resolve("b.json").toString()}));
        String text = bytes.toString();
        assertTrue(text.startsWith("a.json -> b.json: native "), text);
        assertTrue(text.matches("(?s).*went\\s+group\\s+level-1.*"), text);
        assertTrue(text.matches("(?s).*appeared\\s+group\\s+level-2.*"), text);
        assertTrue(text.matches("(?s).*grew\\s+pool\\s+bullets.*count 1 -> 41.*"), text);
        bullets.free(a);
        for (long m : more) {
            bullets.free(m);
        }
        next.close();
    }

    @Test
    void badFilesAreOneLineNamingTheFileAndExit3(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        try (EngineMemory mem = EngineMemory.createExactly(MemoryConfig.defaults())) {
            Files.writeString(good, mem.snapshot().toJson());
        }
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\":1, \"pools\": [");
        Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
        for (Path bad : new Path[] {dir.resolve("missing.json"), broken, binary, dir}) {
            String[] r = CliErrors.runAny("diff", good.toString(), bad.toString());
            assertEquals("3", r[0], r[1]);
            assertTrue(r[1].startsWith("error: " + bad), r[1]);
        }
        assertEquals("2", CliErrors.runAny("diff", good.toString())[0]);
    }
}
