package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Pool compaction: handles stay valid, pinned and address-held slots stay put, empty slabs go back. */
class PoolCompactionTest {
    private static final int SLOT = 64;

    /** Writes the handle into its slot, so a check after moves proves the bytes moved with it. */
    private static void stamp(Pool p, int h) {
        long a = p.address(h);
        MemoryUtil.memPutInt(a, h);
        MemoryUtil.memPutInt(a + SLOT - 4, ~h);
    }

    private static void assertStamped(Pool p, int h) {
        long a = p.address(h);
        assertNotEquals(0, a, "handle 0x" + Integer.toHexString(h) + " resolves");
        assertEquals(h, MemoryUtil.memGetInt(a));
        assertEquals(~h, MemoryUtil.memGetInt(a + SLOT - 4));
    }

    @ParameterizedTest
    @EnumSource(DebugLevel.class)
    void aBurstIsGivenBackAndEveryHandleStillResolvesToItsBytes(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            Pool p = mem.pool("particles", SLOT);
            long before = mem.nativeBytes();
            int perSlab = Math.max(1, p.capacity());
            List<Integer> handles = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                int h = p.acquire();
                stamp(p, h);
                handles.add(h);
            }
            int slabsAtPeak = p.slabs();
            Random rnd = new Random(3);
            List<Integer> released = new ArrayList<>();
            for (int i = handles.size() - 1; i >= 0; i--) {
                if (rnd.nextInt(10) != 0) {
                    int h = handles.remove(i);
                    p.release(h);
                    released.add(h);
                }
            }
            long peakBytes = mem.nativeBytes();
            int freed = p.compact();
            if (Engines.killSwitch()) {
                assertEquals(0, freed, "one malloc per slot: nothing to give back");
                return;
            }
            assertTrue(freed >= 2, "slabs freed: " + freed + " of " + slabsAtPeak);
            assertEquals(slabsAtPeak - freed, p.slabs());
            assertEquals(peakBytes - freed * (p.reservedBytes() / p.slabs()), mem.nativeBytes(), "the slabs went back");
            assertTrue(p.slotsMoved() > 0);
            for (int h : handles) {
                assertTrue(p.isValid(h));
                assertStamped(p, h);
            }
            for (int h : released) {
                assertEquals(0, p.address(h), "a released handle stays stale after moves");
            }
            long stale = mem.diagnosticCount(DiagnosticCode.EM103);
            assertEquals(released.size(), stale);
            for (int i = 0; i < 5000; i++) {
                int h = p.acquire(); // grows again: into the slab numbers the compaction freed
                stamp(p, h);
                handles.add(h);
            }
            TreeMap<Long, Integer> byAddress = new TreeMap<>();
            for (int h : handles) {
                assertStamped(p, h);
                assertNull(byAddress.put(p.address(h), h), "two handles share a slot");
            }
            assertEquals(handles.size(), p.live());
            for (int h : released) {
                assertFalse(p.isValid(h), "no new slot took a released handle's generation");
            }
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM104), "regrown memory carries the poison checked on reuse");
            for (int h : handles) {
                p.release(h);
            }
            p.compact();
            assertEquals(0, p.slabs(), "an empty pool gives every slab back");
            assertEquals(before, mem.nativeBytes());
            assertTrue(perSlab > 0);
        }
    }

    @Test
    void pinnedHandlesAndAddressSlotsDoNotMove() {
        try (EngineMemory mem = Engines.create()) {
            Pool p = mem.pool("mixed", SLOT);
            List<Integer> handles = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                handles.add(p.acquire());
            }
            int pinned = handles.get(3500);
            long pinnedAt = p.address(pinned);
            p.pin(pinned);
            p.pin(pinned); // pins do not nest
            long slot = p.alloc(); // an address the caller holds
            MemoryUtil.memPutLong(slot, 77);
            for (int h : handles) {
                if (h != pinned && h != handles.get(0)) {
                    p.release(h);
                }
            }
            assertEquals(1, p.pinned());
            int freed = p.compact();
            if (Engines.killSwitch()) {
                assertEquals(0, freed);
                return;
            }
            assertEquals(pinnedAt, p.address(pinned), "a pinned slot stays where it is");
            assertEquals(77, MemoryUtil.memGetLong(slot), "an address-held slot stays where it is");
            p.free(slot);
            assertEquals(0, Engines.captured(mem).size(), Engines.captured(mem).toString());
            p.unpin(pinned);
            assertEquals(0, p.pinned());
            p.compact();
            assertEquals(1, p.slabs(), "unpinned and freed: two live slots fit one slab");
            assertTrue(p.isValid(pinned));
            assertTrue(p.isValid(handles.get(0)));
            p.release(pinned);
            assertEquals(0, p.pinned());
            p.release(handles.get(0));
        }
    }

    @Test
    void poolsWithNothingToGiveBackReturnZero() {
        try (EngineMemory mem = Engines.create()) {
            LevelGroup g = mem.group("level");
            Pool inGroup = g.pool("level::items", SLOT);
            int h = inGroup.acquire();
            inGroup.release(h);
            assertEquals(0, inGroup.compact(), "group slabs stay until the group closes");
            Pool busy = mem.pool("busy", SLOT);
            for (int i = 0; i < 100; i++) {
                busy.acquire();
            }
            assertEquals(0, busy.compact(), "one slab, full enough: nothing to free");
            g.close();
            busy.close();
        }
    }

    @Test
    void misuseIsRefusedWithItsCode() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            Pool p = mem.pool("owned", SLOT);
            int h = p.acquire();
            Thread t = new Thread(() -> {
                p.compact();
                p.pin(h);
            });
            t.start();
            t.join();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM301));
            p.release(h);
            p.pin(h);
            p.unpin(12345);
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM103));
            p.close();
            assertEquals(0, p.compact());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM105));
        }
    }

    @Test
    void aConcurrentPoolAppliesForeignReleasesBeforeItCompacts() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            ConcurrentPool p = mem.concurrentPool("shared", SLOT);
            int[] hs = new int[3000];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = p.acquire();
            }
            Thread t = new Thread(() -> {
                for (int i = 1; i < hs.length; i++) {
                    p.release(hs[i]);
                }
            });
            t.start();
            t.join();
            int freed = p.compact();
            assertEquals(Engines.killSwitch() ? 0 : 2, freed, "three slabs' worth released elsewhere: two go back");
            assertTrue(p.isValid(hs[0]));
            assertEquals(1, p.live());
            MemorySnapshot.PoolStats s = mem.snapshot().pool("shared");
            assertEquals(freed, s.slabsReturned());
            assertEquals(Engines.killSwitch() ? 0 : 1, s.compactions());
            assertTrue(mem.snapshot().toJson().contains("\"slabsReturned\":" + freed));
            p.release(hs[0]);
        }
    }

    /**
     * A seeded walk over acquire, release, alloc, free, pin, unpin and compact, checked against a model after every
     * step: every live slot is disjoint from every other and holds what was written, handles resolve, counts are exact.
     */
    @ParameterizedTest
    @EnumSource(DebugLevel.class)
    void aRandomWalkWithCompactionsAgreesWithTheModel(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).poolSlabBytes(4096))) {
            Pool p = mem.pool("walk", SLOT);
            Random rnd = new Random(0xC0FFEE + level.ordinal());
            Map<Integer, Integer> handles = new HashMap<>(); // handle -> fill
            Map<Long, Integer> addresses = new HashMap<>();  // address -> fill
            List<Integer> handleList = new ArrayList<>();
            List<Long> addressList = new ArrayList<>();
            int pins = 0;
            Map<Integer, Long> pinnedAt = new HashMap<>();
            long baseline = mem.nativeBytes();
            for (int step = 0; step < 10_000; step++) {
                int op = rnd.nextInt(100);
                if (op < 30) {
                    int h = p.acquire();
                    int fill = rnd.nextInt();
                    MemoryUtil.memPutInt(p.address(h), fill);
                    handles.put(h, fill);
                    handleList.add(h);
                } else if (op < 55 && !handleList.isEmpty()) {
                    int h = handleList.remove(rnd.nextInt(handleList.size()));
                    handles.remove(h);
                    if (pinnedAt.remove(h) != null) {
                        pins--;
                    }
                    p.release(h);
                } else if (op < 65) {
                    long a = p.alloc();
                    int fill = rnd.nextInt();
                    MemoryUtil.memPutInt(a, fill);
                    addresses.put(a, fill);
                    addressList.add(a);
                } else if (op < 75 && !addressList.isEmpty()) {
                    long a = addressList.remove(rnd.nextInt(addressList.size()));
                    addresses.remove(a);
                    p.free(a);
                } else if (op < 80 && !handleList.isEmpty()) {
                    int h = handleList.get(rnd.nextInt(handleList.size()));
                    if (!pinnedAt.containsKey(h)) {
                        p.pin(h);
                        pinnedAt.put(h, p.address(h));
                        pins++;
                    } else {
                        p.unpin(h);
                        pinnedAt.remove(h);
                        pins--;
                    }
                } else if (op < 83) {
                    p.compact();
                }
                if (step % 97 == 0 || (op >= 75 && op < 83)) { // now and then, and after every pin and compaction
                    TreeMap<Long, Integer> seen = new TreeMap<>();
                    for (Map.Entry<Integer, Integer> e : handles.entrySet()) {
                        long a = p.address(e.getKey());
                        assertEquals((int) e.getValue(), MemoryUtil.memGetInt(a), "step " + step);
                        assertNull(seen.put(a, 1), "step " + step + ": two live slots share an address");
                    }
                    for (Map.Entry<Long, Integer> e : addresses.entrySet()) {
                        assertEquals((int) e.getValue(), MemoryUtil.memGetInt(e.getKey()), "step " + step + ": an address slot moved");
                        assertNull(seen.put(e.getKey(), 1), "step " + step + ": two live slots share an address");
                    }
                    long last = Long.MIN_VALUE;
                    for (long a : seen.keySet()) {
                        assertTrue(a >= last + p.strideBytes() || last == Long.MIN_VALUE, "step " + step + ": slots overlap");
                        last = a;
                    }
                    for (Map.Entry<Integer, Long> e : pinnedAt.entrySet()) {
                        assertEquals((long) e.getValue(), p.address(e.getKey()), "step " + step + ": a pinned slot moved");
                    }
                    assertEquals(handles.size() + addresses.size(), p.live(), "step " + step);
                    assertEquals(pins, p.pinned(), "step " + step);
                }
            }
            assertEquals(List.of(), Engines.captured(mem), "no diagnostic on a valid walk");
            if (!Engines.killSwitch()) {
                assertTrue(p.slabsReturned() > 0, "the walk gave slabs back");
            }
            handles.keySet().forEach(p::release);
            addresses.keySet().forEach(p::free);
            p.compact();
            p.close();
            assertEquals(baseline, mem.nativeBytes());
        }
    }

    /**
     * A slot whose handle generation wrapped is parked in the cooling queue so an ancient handle cannot pass again.
     * A compaction used to take it as a move target: it went onto the slab being freed, dropped out of the queue, and
     * came back in use with generation 1 when the slab number was filled again.
     */
    @ParameterizedTest
    @EnumSource(DebugLevel.class)
    void aParkedSlotStaysParkedThroughACompaction(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level))) {
            Pool p = mem.pool("cooling", SLOT);
            int h = p.acquire();
            // Below OFF the quarantine spreads reuse over its slots: a generation wraps after some 500,000 cycles.
            for (int i = 0; i < 2_000_000 && p.retired() == 0; i++) {
                p.release(h);
                if (p.retired() == 0) {
                    h = p.acquire();
                }
            }
            assertEquals(1, p.retired(), "one slot parked after its generation wrapped");
            if (Engines.killSwitch()) {
                assertEquals(0, p.compact(), "one malloc per slot: nothing to compact");
                assertEquals(1, p.retired());
                p.release(p.acquire());
                return;
            }
            List<Integer> first = new ArrayList<>();
            List<Integer> second = new ArrayList<>();
            while (p.slabs() < 2) {
                first.add(p.acquire()); // the rest of the first slab, and one on a second
            }
            second.add(first.remove(first.size() - 1));
            for (int i = 0; i < 3; i++) {
                second.add(p.acquire());
            }
            for (int s2 : second) {
                stamp(p, s2);
            }
            for (int i = 0; i < first.size(); i += 2) {
                p.release(first.get(i)); // room on the first slab for the second slab's handles
            }
            int parked = p.retired(); // below OFF more slots wrap meanwhile: the quarantine rotates them all
            p.compact();
            assertEquals(parked, p.retired(), "every parked slot is still parked after the compaction");
            for (int s2 : second) {
                assertStamped(p, s2);
            }
            for (int i = 1; i < first.size(); i += 2) {
                p.release(first.get(i));
            }
            for (int s2 : second) {
                p.release(s2);
            }
        }
    }
}
