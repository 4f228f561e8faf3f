package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The streaming budget: who is evicted, who never is, callbacks, level groups, and the figures. */
class StreamingBudgetTest {

    private static List<String> names(StreamingBudget b) {
        List<String> n = new ArrayList<>();
        for (StreamingBudget.Entry e : b.residentEntries()) {
            n.add(e.name());
        }
        n.sort(null);
        return n;
    }

    @Test
    void theLeastRecentlyUsedOfAPriorityGoesFirst() {
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("textures", 30);
            List<String> evicted = new ArrayList<>();
            StreamingBudget.Evictor note = e -> evicted.add(e.name());
            StreamingBudget.Entry a = b.reserve("a", 10, 0, note);
            StreamingBudget.Entry bb = b.reserve("b", 10, 0, note);
            b.reserve("c", 10, 0, note);
            a.touch();
            StreamingBudget.Entry d = b.reserve("d", 10, 0, note);
            assertNotNull(d);
            assertEquals(List.of("b"), evicted);
            assertFalse(bb.isResident());
            assertTrue(bb.wasEvicted());
            assertEquals(List.of("a", "c", "d"), names(b));
            b.reserve("e", 20, 0, note);
            assertEquals(List.of("b", "c", "a"), evicted, "then c, then a (touched before d was reserved)");
            assertEquals(30, b.usedBytes());
            assertEquals(3, b.evictions());
            assertEquals(30, b.evictedBytes());
        }
    }

    @Test
    void aGroupKeptTwiceIsRefusedAndCountedOnce() {
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("levels", 1 << 20);
            LevelGroup level = mem.group("level-1");
            level.alloc(1000, 8);
            assertNotNull(b.keep(level, 0, null));
            long used = b.usedBytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.keep(level, 5, null));
            assertTrue(e.getMessage().contains("already kept"), e.getMessage());
            assertEquals(used, b.usedBytes());
        }
    }

    @Test
    void touchMovesInPlaceAndMakesNoGarbage() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("levels", 40);
            List<String> evicted = new ArrayList<>();
            StreamingBudget.Evictor note = e -> evicted.add(e.name());
            StreamingBudget.Entry alone = b.reserve("alone", 10, 1000, note); // alone at its priority (boxed: > 127)
            StreamingBudget.Entry x = b.reserve("x", 10, 0, note);
            StreamingBudget.Entry y = b.reserve("y", 10, 0, note);
            StreamingBudget.Entry z = b.reserve("z", 10, 0, note);
            y.touch(); // the middle: x z y
            x.touch(); // the head: z y x
            x.touch(); // the tail already
            long before = 0;
            for (int i = 0; i < 20_000; i++) {
                if (i == 10_000) {
                    before = threads.getCurrentThreadAllocatedBytes();
                }
                alone.touch();
                z.touch();
            }
            assertEquals(0, threads.getCurrentThreadAllocatedBytes() - before, "touch allocates nothing");
            // now y x z at priority 0: y goes first, then x
            b.reserve("w", 20, 0, note);
            assertEquals(List.of("y", "x"), evicted);
            assertTrue(alone.isResident() && z.isResident());
        }
    }

    @Test
    void theLowestPriorityGoesFirstAndANewcomerNeverEvictsAHigherOne() {
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("levels", 30);
            StreamingBudget.Entry low = b.reserve("low", 10, 0, null);
            StreamingBudget.Entry high = b.reserve("high", 10, 5, null);
            b.reserve("mid", 10, 1, null);
            low.touch(); // recently used, but of the lowest priority
            assertNotNull(b.reserve("new", 10, 1, null));
            assertFalse(low.isResident());
            assertTrue(high.isResident());
            assertNull(b.reserve("too-low", 10, 0, null), "a priority-0 newcomer may evict only priority 0: none left");
            assertEquals(1, b.refusals());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM503));
            assertEquals(3, b.entries(), "a refused reservation evicts nothing");
            assertNull(b.reserve("huge", 31, 9, null), "larger than the budget");
            assertNotNull(b.reserve("top", 20, 9, null), "priority 9 evicts both priority-1 entries, never priority 5");
            assertTrue(high.isResident());
        }
    }

    @Test
    void pinnedEntriesAreNeverEvicted() {
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("levels", 30);
            StreamingBudget.Entry current = b.reserve("current", 10, 0, null);
            current.pin();
            StreamingBudget.Entry other = b.reserve("other", 10, 0, null);
            b.reserve("third", 10, 0, null);
            current.touch();
            assertNull(b.reserve("big", 25, 100, null), "only 20 bytes are evictable");
            assertTrue(other.isResident(), "nothing was evicted for a reservation that failed");
            assertNotNull(b.reserve("fits", 20, 100, null));
            assertTrue(current.isResident());
            assertEquals(1, b.pinnedEntries());
            current.unpin();
            assertNotNull(b.reserve("now", 10, 100, null));
            assertFalse(current.isResident(), "unpinned: evictable again");
            assertEquals(0, b.pinnedEntries());
        }
    }

    @Test
    void anEvictionCallbackThatThrowsIsReportedAndTheEntryStillGoes() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            StreamingBudget b = mem.streaming("sounds", 20);
            List<String> called = new ArrayList<>();
            StreamingBudget.Entry bad = b.reserve("bad", 10, 0, e -> {
                called.add(e.name());
                throw new IllegalStateException("boom");
            });
            b.reserve("good", 10, 0, e -> called.add(e.name()));
            StreamingBudget.Entry next = b.reserve("next", 20, 0, null);
            assertNotNull(next, "a warning, even in strict mode: the reservation went through");
            assertEquals(List.of("bad", "good"), called, "one callback throwing does not skip the others");
            assertFalse(bad.isResident());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM504));
            String msg = Engines.captured(mem).get(0);
            assertTrue(msg.startsWith("[EM504] eviction callback of \"bad\" in streaming budget \"sounds\" threw "
                + "java.lang.IllegalStateException: boom"), msg);
        }
    }

    @Test
    void resizeReleaseAndCapacityKeepTheAccountExact() {
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("meshes", 100);
            List<String> evicted = new ArrayList<>();
            StreamingBudget.Entry a = b.reserve("a", 40, 0, e -> evicted.add(e.name()));
            StreamingBudget.Entry c = b.reserve("c", 40, 0, e -> evicted.add(e.name()));
            assertTrue(c.resize(70), "grows by evicting a, never itself");
            assertEquals(List.of("a"), evicted);
            assertFalse(c.resize(101));
            assertEquals(70, c.bytes(), "a refused resize keeps the old size");
            assertTrue(c.resize(5));
            assertEquals(5, b.usedBytes());
            c.release();
            c.release();
            assertEquals(0, b.usedBytes());
            assertEquals(List.of("a"), evicted, "release does not call the evictor");
            assertFalse(c.resize(1), "a released entry holds nothing");
            StreamingBudget.Entry x = b.reserve("x", 50, 0, e -> evicted.add(e.name()));
            StreamingBudget.Entry y = b.reserve("y", 50, 3, e -> evicted.add(e.name()));
            y.pin();
            b.capacity(40);
            assertEquals(List.of("a", "x"), evicted);
            assertTrue(y.isResident(), "shrinking never evicts a pinned entry");
            assertEquals(50, b.usedBytes());
            assertThrows(IllegalArgumentException.class, () -> b.reserve("neg", -1, 0, null));
            assertThrows(IllegalArgumentException.class, () -> b.capacity(-1));
            assertEquals(List.of(), Engines.captured(mem).stream().filter(m -> !m.startsWith("[EM503]")).toList());
            assertFalse(x.isResident());
        }
    }

    /** What the roguelike does: every visited level in its own group, kept while it fits, regenerated if evicted. */
    @Test
    void visitedLevelsStayResidentUntilEvictedAndEvictionClosesTheirGroup() {
        EngineMemory mem = Engines.create(MemoryConfig.defaults().groupChunkBytes(16 * 1024));
        long baseline = mem.nativeBytes();
        LevelGroup probe = mem.group("probe");
        probe.alloc(3000, 16);
        long perLevel = probe.reservedBytes(); // one chunk; one malloc under the kill switch
        probe.close();
        StreamingBudget levels = mem.streaming("levels", 3 * perLevel); // room for three levels
        Map<Integer, StreamingBudget.Entry> visited = new HashMap<>();
        List<Integer> dropped = new ArrayList<>();
        StreamingBudget.Entry current = null;
        int regenerated = 0;
        for (int depth : new int[] {1, 2, 3, 2, 1, 4, 5, 1}) {
            StreamingBudget.Entry e = visited.get(depth);
            if (e != null && e.isResident()) {
                long tiles = (Long) e.attachment();
                assertEquals(depth, MemoryUtil.memGetInt(tiles), "a kept level comes back as it was left");
                e.touch();
            } else {
                LevelGroup g = mem.group("level-" + depth);
                long tiles = g.alloc(3000, 16);
                MemoryUtil.memPutInt(tiles, depth);
                int d = depth;
                e = levels.keep(g, 0, evicted -> {
                    assertFalse(evicted.group().isClosed(), "the owner is called before the group closes");
                    dropped.add(d);
                });
                assertNotNull(e);
                e.attach(tiles);
                visited.put(depth, e);
                regenerated++;
            }
            if (current != null) {
                current.unpin();
            }
            e.pin();
            current = e;
        }
        assertEquals(List.of(3, 2), dropped, "levels 3 and then 2 were the least recently used");
        assertEquals(5, regenerated, "generated once each: revisits of 2 and 1 found them resident");
        for (int depth : dropped) {
            assertTrue(visited.get(depth).group().isClosed());
        }
        MemorySnapshot s = mem.snapshot();
        MemorySnapshot.StreamingStats st = s.streaming("levels");
        assertEquals(3, st.entries());
        assertEquals(1, st.pinned());
        assertEquals(2, st.evictions());
        assertTrue(s.toJson().contains("\"streaming\":[{\"name\":\"levels\""), s.toJson());
        mem.close();
        assertEquals(List.of(), Engines.captured(mem), "kept groups close with the engine, no leak report");
        assertEquals(baseline, mem.nativeBytes());
    }

    @Test
    void manyThreadsKeepTheAccountExact() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            StreamingBudget b = mem.streaming("shared", 10_000);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    List<StreamingBudget.Entry> mine = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        int op = rnd.nextInt(10);
                        if (op < 5 || mine.isEmpty()) {
                            StreamingBudget.Entry e = b.reserve("e" + i, 1 + rnd.nextInt(500), rnd.nextInt(4), null);
                            if (e != null) {
                                mine.add(e);
                            }
                        } else if (op < 8) {
                            mine.get(rnd.nextInt(mine.size())).touch();
                        } else if (op < 9) {
                            mine.remove(rnd.nextInt(mine.size())).release();
                        } else {
                            StreamingBudget.Entry e = mine.get(rnd.nextInt(mine.size()));
                            if (rnd.nextBoolean()) {
                                e.pin();
                            } else {
                                e.unpin();
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            long sum = 0;
            for (StreamingBudget.Entry e : b.residentEntries()) {
                sum += e.bytes();
                assertTrue(e.isResident());
            }
            assertEquals(sum, b.usedBytes());
            assertTrue(b.usedBytes() <= 10_000);
            assertEquals(b.entries(), b.residentEntries().size());
        }
    }
}
