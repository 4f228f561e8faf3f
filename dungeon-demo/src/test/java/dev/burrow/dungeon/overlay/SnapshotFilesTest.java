package dev.burrow.dungeon.overlay;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemorySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SnapshotFilesTest {
    @TempDir
    Path dir;

    private static MemorySnapshot snapshot() {
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            return mem.snapshot();
        }
    }

    @Test
    void namesAreReadableTimestampsAndListNewestFirst() throws Exception {
        LocalDateTime t = LocalDateTime.of(2026, 11, 23, 10, 15, 2);
        assertEquals("burrow-snapshot-2026-11-23T10-15-02.json", SnapshotFiles.name(t));
        SnapshotFiles files = new SnapshotFiles(dir);
        MemorySnapshot s = snapshot();
        assertEquals("burrow-snapshot-2026-11-23T10-15-02.json", files.save(s, t).getFileName().toString());
        assertEquals("burrow-snapshot-2026-11-23T10-15-02-2.json", files.save(s, t).getFileName().toString(),
            "a second save in the same second does not overwrite the first");
        files.save(s, t.plusDays(1));
        Files.writeString(dir.resolve("notes.json"), "{}");
        Files.createDirectories(dir.resolve("burrow-snapshot-folder.json"));
        List<String> names = files.list();
        assertEquals(List.of("burrow-snapshot-2026-11-24T10-15-02.json", "burrow-snapshot-2026-11-23T10-15-02.json",
            "burrow-snapshot-2026-11-23T10-15-02-2.json"), names, "snapshots only, newest first");
        assertEquals(s.toJson(), files.read(names.get(0)).toJson(), "what was saved reads back");
    }

    @Test
    void aBadFileSaysWhichAndWhyInOneLine() throws Exception {
        SnapshotFiles files = new SnapshotFiles(dir);
        Files.writeString(dir.resolve("truncated.json"), "{\"schema\":1,\"native\":{\"bytes\":12");
        Files.writeString(dir.resolve("other.json"), "{\"name\":\"not a snapshot\"}");
        Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Files.createDirectories(dir.resolve("folder.json"));
        assertProblem(files, "truncated.json", "truncated.json: line 1, column 33: unexpected end of file");
        assertProblem(files, "other.json", "other.json: not a Burrow snapshot");
        assertProblem(files, "binary.json", "binary.json: not UTF-8 text");
        assertProblem(files, "folder.json", "folder.json: is a folder, not a snapshot file");
        assertProblem(files, "missing.json", "missing.json: no such file");
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt() throws Exception {
        Path big = dir.resolve("big.json");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SnapshotFiles.MAX_BYTES + 1); // sparse: nothing written
        }
        assertProblem(new SnapshotFiles(dir), "big.json", "big.json: 16 MiB is too large for a snapshot");
    }

    private static void assertProblem(SnapshotFiles files, String name, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.read(name));
        assertTrue(e.getMessage().startsWith(expected), "'" + e.getMessage() + "' should start with '" + expected + "'");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
