package dev.burrow.memory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PoolTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 12, 16, 24, 40, 64, 100, 256, 4096})
    void slotsNeverOverlapUnderChurn(int slotBytes) {
        try (EngineMemory mem = Engines.create()) {
            Pool pool = mem.pool("churn", slotBytes);
            Random rnd = new Random(slotBytes);
            List<long[]> live = new ArrayList<>(); // {address, pattern}
            for (int step = 0; step < 20_000; step++) {
                if (live.isEmpty() || rnd.nextInt(100) < 55) {
                    long a = pool.alloc();
                    long pattern = rnd.nextLong();
                    fill(a, slotBytes, pattern);
                    live.add(new long[] {a, pattern});
                } else {
                    long[] e = live.remove(rnd.nextInt(live.size()));
                    verify(e[0], slotBytes, e[1]);
                    pool.free(e[0]);
                }
            }
            Set<Long> distinct = new HashSet<>();
            for (long[] e : live) {
                verify(e[0], slotBytes, e[1]);
                assertTrue(distinct.add(e[0]), "address handed out twice");
                assertEquals(0, e[0] % pool.slotAlignment());
            }
            assertEquals(live.size(), pool.live());
            assertEquals(0, mem.snapshot().diagnosticsTotal(Severity.WARNING));
            for (long[] e : live) {
                pool.free(e[0]);
            }
            assertEquals(0, pool.live());
        }
    }

    private static void fill(long a, int n, long pattern) {
        for (int i = 0; i < n; i++) {
            MemoryUtil.memPutByte(a + i, (byte) (pattern >>> ((i & 7) * 8) ^ i));
        }
    }

    private static void verify(long a, int n, long pattern) {
        for (int i = 0; i < n; i++) {
            assertEquals((byte) (pattern >>> ((i & 7) * 8) ^ i), MemoryUtil.memGetByte(a + i), "slot 0x" + Long.toHexString(a) + " byte " + i);
        }
    }

    @Test
    void reserveGrowsNowSoAllocationsLaterDoNot() {
        try (EngineMemory mem = Engines.create()) {
            Pool p = mem.pool("reserved", 24);
            p.reserve(10_000);
            if (!Engines.killSwitch()) {
                assertTrue(p.capacity() >= 10_000);
            } else {
                assertEquals(0, p.capacity(), "the kill switch mallocs each slot when it is used: nothing reserved");
            }
            long native0 = mem.nativeBytes();
            long[] a = new long[10_000];
            for (int i = 0; i < a.length; i++) {
                a[i] = p.alloc();
            }
            if (!Engines.killSwitch()) {
                assertEquals(native0, mem.nativeBytes(), "no slab grown after reserve");
            } else {
                assertEquals(native0 + 10_000L * p.strideBytes(), mem.nativeBytes(), "one malloc per slot");
            }
            assertEquals(0, mem.snapshot().tag("reserved").liveBytes() - 240_000);
            for (long x : a) {
                p.free(x);
            }
            assertThrows(IllegalArgumentException.class, () -> p.reserve(Pool.MAX_SLOTS + 1));
        }
    }

    @Test
    void slotAlignmentFollowsTheSlotSizeUpTo64() {
        try (EngineMemory mem = Engines.create()) {
            int[][] cases = {{8, 8}, {16, 16}, {24, 8}, {32, 32}, {48, 16}, {64, 64}, {128, 64}, {4096, 64}};
            for (int[] c : cases) {
                Pool p = mem.pool("align" + c[0], c[0]);
                assertEquals(c[1], p.slotAlignment(), "slot " + c[0]);
                for (int i = 0; i < 100; i++) {
                    assertEquals(0, p.alloc() % c[1]);
                }
                p.close();
            }
        }
    }

    @Test
    void growsBySlabsAndCloseReturnsEveryByte() {
        try (EngineMemory mem = Engines.lenient()) {
            long base = mem.nativeBytes();
            Pool pool = mem.pool("grow", 64);
            long[] a = new long[5000];
            for (int i = 0; i < a.length; i++) {
                a[i] = pool.alloc();
            }
            assertTrue(pool.slabs() > 1);
            assertTrue(pool.capacity() >= 5000);
            for (long x : a) {
                pool.free(x);
            }
            pool.close();
            assertEquals(base, mem.nativeBytes());
            assertEquals(0, mem.snapshot().tag("grow").liveBytes());
        }
    }

    @Test
    void staleHandleIsRejectedNeverReused() {
        try (EngineMemory mem = Engines.lenient()) {
            Pool pool = mem.pool("handles", 32);
            int h = pool.acquire();
            long a = pool.address(h);
            assertNotEquals(0, a);
            pool.release(h);
            int h2 = pool.acquire();
            assertNotEquals(h, h2);
            assertEquals(0, pool.address(h), "stale handle refused");
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM103));
            pool.release(h);
            assertEquals(1, pool.live(), "a stale release frees nothing");
            assertTrue(pool.isValid(h2));
            assertFalse(pool.isValid(h));
            assertFalse(pool.isValid(0));
            assertEquals(0, pool.address(0));
        }
        try (EngineMemory mem = Engines.strict()) {
            Pool pool = mem.pool("handles", 32);
            int h = pool.acquire();
            pool.release(h);
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> pool.release(h));
            assertEquals(DiagnosticCode.EM101, e.code(), "releasing twice in a row is a double free");
            pool.acquire();
            e = assertThrows(MemoryDiagnosticException.class, () -> pool.address(h));
            assertEquals(DiagnosticCode.EM103, e.code());
        }
    }

    @Test
    void generationWrapParksTheSlotWithinABoundAndNeverRetiresItForever() {
        try (EngineMemory mem = Engines.lenient()) {
            Pool pool = mem.pool("wrap", 16);
            int first = pool.acquire();
            int oneSlab = pool.capacity(); // slots one growth adds (1 under the kill switch)
            pool.release(first);
            int maxCapacity = 0;
            for (int i = 0; i < 300_000; i++) {
                int h = pool.acquire();
                assertNotEquals(first, h, "a stale handle value came back after " + i + " cycles");
                pool.release(h);
                maxCapacity = Math.max(maxCapacity, pool.capacity());
            }
            assertEquals(0, pool.address(first));
            assertTrue(pool.retired() > 0, "slots whose generation wrapped are parked");
            assertTrue(pool.retired() <= pool.parkedLimit(), "parked " + pool.retired() + " of at most " + pool.parkedLimit());
            int bound = oneSlab + pool.parkedLimit() + CheckedPool.QUARANTINE_SLOTS + 1;
            assertTrue(maxCapacity <= bound, "capacity stays bounded: " + maxCapacity + " <= " + bound);
            assertEquals(0, pool.live());
        }
    }

    @Test
    void doubleFreeAndForeignPointersAreRefused() {
        try (EngineMemory mem = Engines.lenient()) {
            Pool pool = mem.pool("df", 64);
            Pool other = mem.pool("other", 64);
            long a = pool.alloc();
            long b = pool.alloc();
            pool.free(a);
            pool.free(a);
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM101));
            assertEquals(1, pool.live());
            pool.free(b + 8);
            pool.free(other.alloc());
            pool.free(0x1234_5678_0000L);
            assertEquals(3, mem.diagnosticCount(DiagnosticCode.EM102));
            assertEquals(1, pool.live());
            assertTrue(mem.recentDiagnostics().stream().anyMatch(m -> m.startsWith("[EM101] double free of pool slot 0x")
                && m.contains("in pool \"df\"")), mem.recentDiagnostics().toString());
        }
    }

    @Test
    void confinedPoolRefusesOtherThreads() throws Exception {
        try (EngineMemory mem = Engines.lenient()) {
            Pool pool = mem.pool("confined", 32);
            long a = pool.alloc();
            Thread t = new Thread(() -> pool.free(a));
            t.start();
            t.join();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM301));
            assertEquals(1, pool.live(), "refused");
            pool.free(a);
        }
    }

    @Test
    void useOfAClosedPoolIsDiagnosed() {
        try (EngineMemory mem = Engines.lenient()) {
            Pool pool = mem.pool("closed", 32);
            pool.close();
            assertEquals(0, pool.alloc());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM105));
        }
    }

    @Test
    void useAfterFreeWriteIsCaughtByThePoison() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            Pool pool = mem.pool("uaf", 64);
            long a = pool.alloc();
            pool.free(a);
            MemoryUtil.memPutInt(a + 20, 7); // a write through a dangling pointer, into the quarantined slot
            long[] churn = new long[2000];
            for (int i = 0; i < churn.length; i++) {
                churn[i] = pool.alloc();
                if (i >= 600) {
                    pool.free(churn[i - 600]); // slots flow through the quarantine and come back
                }
            }
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM104), Engines.captured(mem).toString());
            assertTrue(mem.recentDiagnostics().stream().anyMatch(m -> m.startsWith("[EM104] pool slot 0x" + Long.toHexString(a))));
            if (!Engines.killSwitch()) {
                boolean back = false;
                for (int i = churn.length - 600; i < churn.length; i++) {
                    back |= churn[i] == a;
                }
                for (int i = 0; i < churn.length - 600; i++) {
                    back |= churn[i] == a;
                }
                assertTrue(back, "the slot was reused after the check (repaired), not lost");
            }
            for (int i = churn.length - 600; i < churn.length; i++) {
                pool.free(churn[i]);
            }
            assertEquals(0, pool.live());
        }
    }

    @Test
    void closeReportsLiveSlotsAndKeepIsNotALeak() {
        try (EngineMemory mem = Engines.lenient()) {
            Pool pool = mem.pool("leaky", 48);
            pool.alloc();
            pool.alloc();
            pool.keep(pool.alloc());
            pool.close();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM602));
            String msg = mem.recentDiagnostics().get(mem.recentDiagnostics().size() - 1);
            assertTrue(msg.contains("closed with 2 live slot(s), 96 bytes"), msg);
            assertTrue(msg.contains("PoolTest.closeReportsLiveSlotsAndKeepIsNotALeak"), "sampled site: " + msg);
        }
    }

    /**
     * OFF's free takes any address, as malloc's free does (misuse is undefined there), but what correct code relies
     * on still holds: a free of 0 is nothing, a kept slot's mark goes with its free, a free after close is refused,
     * and acquire() drops an address that is no slot of the pool instead of indexing with it.
     */
    @Test
    void offFreeTakesAddressesUncheckedButKeepsWhatCorrectCodeReliesOn() {
        Assumptions.assumeFalse(Engines.killSwitch(), "the kill switch's pool checks at every level");
        try (EngineMemory mem = Engines.exactly(MemoryConfig.defaults().debug(DebugLevel.OFF).strict(false))) {
            Pool p = mem.pool("off", 64);
            long a = p.alloc();
            p.free(0);
            assertEquals(1, p.live(), "free(0) frees nothing");
            long b = p.alloc();
            assertNotEquals(0, b, "free(0) pushed nothing for alloc to hand out");

            p.keep(b);
            assertEquals(1, p.kept());
            p.free(b);
            assertEquals(0, p.kept(), "the mark went with the free");

            p.free(a + 8); // an interior pointer: undefined at OFF, and the handle API must not take it
            int h = p.acquire();
            long slot = p.address(h);
            assertNotEquals(a + 8, slot);
            assertEquals(0, (slot - a) % p.strideBytes(), "a slot start of this pool");
            p.release(h);

            p.close();
            long before = mem.diagnosticCount(DiagnosticCode.EM105);
            p.free(a);
            assertEquals(before + 1, mem.diagnosticCount(DiagnosticCode.EM105), "a free after close is refused");
            assertEquals(0, p.alloc(), "and nothing was pushed: " + Engines.captured(mem));
        }
    }
}
