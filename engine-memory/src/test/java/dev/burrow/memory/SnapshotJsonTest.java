package dev.burrow.memory;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link MemorySnapshot#fromJson}: what {@code toJson()} writes reads back the same; broken files fail in one line. */
class SnapshotJsonTest {

    /** A snapshot with something in every section: frames, pools (one drawn from a group), groups, budgets, a diagnostic. */
    private static String busySnapshotJson() {
        try (EngineMemory mem = Engines.lenient()) {
            mem.budget("level", 1 << 10, 1 << 30);
            FrameArena f = mem.frame();
            f.begin();
            f.beginPhase("update");
            f.alloc(4096, 16);
            f.endPhase();
            f.end();
            f.begin(); // the second frame is open when the snapshot is taken: inFrame and last-frame phase figures
            f.alloc(4096, 16);
            LevelGroup g = mem.group("level::terrain");
            g.alloc(10_000, 8);
            Pool slab = g.pool("level::items", 32);
            long item = slab.alloc();
            Pool bullets = mem.pool("bullets", 24);
            long a = bullets.alloc();
            long b = bullets.alloc();
            bullets.free(a);
            bullets.free(a); // EM101, recorded (lenient) with a message quoting "bullets"
            SizeClassHeap heap = mem.heap("scratch");
            long odd = heap.alloc(100);
            StreamingBudget levels = mem.streaming("levels", 1 << 20);
            StreamingBudget.Entry kept = levels.reserve("depth-1", 4096, 2, e -> { });
            String json = mem.snapshot().toJson();
            kept.release();
            heap.free(odd);
            heap.close();
            f.end();
            slab.free(item);
            bullets.free(b);
            slab.close();
            g.close();
            bullets.close();
            java.util.List<String> logged = Engines.captured(mem);
            assertEquals(2, logged.size(), "the soft budget warning and the double free: " + logged);
            assertTrue(logged.get(0).startsWith("[EM501]") && logged.get(1).startsWith("[EM101]"), logged.toString());
            return json;
        }
    }

    @Test
    void whatToJsonWritesReadsBackTheSame() {
        String json = busySnapshotJson();
        MemorySnapshot s = MemorySnapshot.fromJson(json);
        assertEquals(json, s.toJson(), "read back and written again, byte for byte");
        assertEquals(1, s.diagnostics(DiagnosticCode.EM101));
        assertTrue(s.recentDiagnosticCount() >= 1 && s.recentDiagnostic(s.recentDiagnosticCount() - 1).contains("bullets"));
        assertEquals(1 << 10, s.tag("level").softBytes());
        assertEquals(Long.MAX_VALUE, s.tag("bullets").softBytes(), "null budget reads back as none");
        assertEquals(1, s.pool("bullets").live());
        assertTrue(s.pool("level::items").inGroup());
        assertEquals(0, s.takenAtNanos(), "the file does not record the clock");
        assertTrue(s.frame(0).inFrame());
        assertEquals(1, s.frame(0).phaseCount());
        assertEquals("update", s.frame(0).phase(0).name());
        assertEquals(4096, s.frame(0).phase(0).lastBytes());
        assertEquals(1, s.heapCount());
        assertEquals(1, s.heap(0).liveBlocks());
        assertEquals(4096, s.streaming("levels").usedBytes());
        assertEquals(2, s.streaming("levels").entryPriority(0));
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingCountersAreZero() {
        MemorySnapshot s = MemorySnapshot.fromJson("{\"schema\":1,\"future\":{\"x\":[1,2.5,true,null]},\"native\":{\"bytes\":1024},"
            + "\"pools\":[{\"name\":\"p\",\"live\":3}]}");
        assertEquals(1024, s.nativeBytes());
        assertEquals(1, s.poolCount());
        assertEquals(3, s.pool("p").live());
        assertEquals(0, s.pool("p").capacity());
        assertEquals(0, s.tagCount());
    }

    @Test
    void brokenFilesFailInOneLineThatSaysWhere() {
        assertProblem("", "empty file");
        assertProblem("   \n ", "empty file");
        assertProblem("[1,2]", "not a Burrow snapshot");
        assertProblem("{\"native\":{\"bytes\":1}}", "no \"schema\" field");
        assertProblem("{\"schema\":2,\"native\":{\"bytes\":1}}", "schema 2 is not supported");
        assertProblem("{\"schema\":1}", "native: missing");
        assertProblem("{\"schema\":1,\n  \"native\":{\"bytes\" 1}}", "line 2, column 21: expected ':'");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1}", "unexpected end of file");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1}} trailing", "unexpected text after the snapshot object");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":-5}}", "native.bytes: -5 is negative");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1.5}}", "native.bytes: expected a whole number");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":99999999999999999999}}", "bad number");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1},\"pools\":[{\"live\":1}]}", "pools[0].name: missing");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1},\"pools\":[{\"name\":\"p\",\"live\":\"many\"}]}", "pools[0].live: expected a whole number");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1},\"tags\":{}}", "tags: expected an array");
        assertProblem("{\"schema\":1,\"native\":{\"bytes\":1},\"debug\":\"loud\"}", "debug: unknown debug level 'loud'");
        assertProblem("{\"schema\":1,\"allocator\":\"je\\qmalloc\"}", "unknown escape");
        assertProblem("{\"schema\":1,\"x\":" + "[".repeat(500) + "]".repeat(500) + "}", "nested deeper than");
    }

    private static void assertProblem(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySnapshot.fromJson(json), json);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void everyTruncationAndRandomCorruptionIsRefusedCleanlyNeverWithAnotherException() {
        String json = busySnapshotJson();
        for (int cut = 0; cut < json.length(); cut++) {
            String prefix = json.substring(0, cut);
            assertThrows(IllegalArgumentException.class, () -> MemorySnapshot.fromJson(prefix), "cut at " + cut);
        }
        Random r = new Random(7);
        char[] noise = {'{', '}', '[', ']', '"', ',', ':', '-', '9', 'x', '\\', '\u0000', 'e', '.'};
        for (int round = 0; round < 5000; round++) {
            char[] c = json.toCharArray();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                c[r.nextInt(c.length)] = noise[r.nextInt(noise.length)];
            }
            String broken = new String(c);
            try {
                MemorySnapshot.fromJson(broken); // some corruptions are still valid snapshots: fine
            } catch (IllegalArgumentException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
    }
}
