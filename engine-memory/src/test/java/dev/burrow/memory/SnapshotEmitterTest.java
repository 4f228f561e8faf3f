package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The snapshot emitter: rate-limited, bounded, whole files only, a clear error for a folder it cannot write. */
class SnapshotEmitterTest {

    @Test
    void writesWholeJsonFilesAtItsRateAndKeepsTheNewest(@TempDir Path dir) throws Exception {
        try (EngineMemory mem = Engines.create()) {
            Pool p = mem.pool("emitted", 16);
            long a = p.alloc();
            try (SnapshotEmitter e = mem.emitSnapshots(dir, 20, 3)) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (e.written() < 6 && System.nanoTime() < deadline) {
                    Thread.sleep(5); // waiting for the emitter's own thread, not timing it
                }
                assertNull(e.failure());
                assertTrue(e.written() >= 6, "written " + e.written());
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.sorted().collect(Collectors.toList());
            }
            assertEquals(3, files.size(), "keeps the newest 3: " + files);
            for (Path f : files) {
                assertTrue(f.getFileName().toString().matches("burrow-snapshot-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}\\.json"), f.toString());
                String json = Files.readString(f);
                assertTrue(json.startsWith("{\"schema\":1,") && json.endsWith("}"), json);
                assertTrue(json.contains("\"name\":\"emitted\""), json);
            }
            p.free(a);
        }
    }

    @Test
    void aFolderItCannotWriteIsOneClearError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        try (EngineMemory mem = Engines.create()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> mem.emitSnapshots(file.resolve("sub"), 100, 3));
            assertTrue(e.getMessage().startsWith("cannot write snapshots to " + file.resolve("sub")), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> mem.emitSnapshots(dir, 1, 3));
            assertThrows(IllegalArgumentException.class, () -> mem.emitSnapshots(dir, 100, 0));
        }
    }
}
