package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.nio.IntBuffer;

import static org.junit.jupiter.api.Assertions.*;

class FrameArenaTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyPowerOfTwoAlignmentUpTo4096(boolean system) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().systemAllocator(system))) {
            FrameArena f = mem.frame();
            f.begin();
            for (int align = 1; align <= 4096; align <<= 1) {
                for (long bytes : new long[] {0, 1, 3, 17, 100}) {
                    long p = f.alloc(bytes, align);
                    assertNotEquals(0, p);
                    assertEquals(0, p & (align - 1), "align " + align + " bytes " + bytes);
                }
            }
            f.end();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dataWrittenInAFrameIsIntactUntilEnd(boolean system) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().systemAllocator(system))) {
            FrameArena f = mem.frame();
            f.begin();
            long[] addr = new long[500];
            for (int i = 0; i < addr.length; i++) {
                addr[i] = f.alloc(64 + i % 7, 8);
                for (int b = 0; b < 64; b++) {
                    MemoryUtil.memPutByte(addr[i] + b, (byte) (i * 31 + b));
                }
            }
            for (int i = 0; i < addr.length; i++) {
                for (int b = 0; b < 64; b++) {
                    assertEquals((byte) (i * 31 + b), MemoryUtil.memGetByte(addr[i] + b), "alloc " + i + " byte " + b);
                }
            }
            f.end();
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM005));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rollbackFreesExactlyWhatCameAfterTheMark(boolean system) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().systemAllocator(system))) {
            FrameArena f = mem.frame();
            f.begin();
            long kept = f.alloc(128, 16);
            MemoryUtil.memSet(kept, 0x5A, 128);
            long usedAtMark = f.used();
            long mark = f.mark();
            long nativeAtMark = mem.nativeBytes();
            for (int i = 0; i < 50; i++) {
                f.alloc(1000, 8);
            }
            assertTrue(f.used() >= usedAtMark + 50_000);
            f.rollback(mark);
            assertEquals(usedAtMark, f.used());
            assertEquals(nativeAtMark, mem.nativeBytes(), "rollback returns spilled blocks too");
            for (int b = 0; b < 128; b++) {
                assertEquals(0x5A, MemoryUtil.memGetByte(kept + b));
            }
            // The next allocation reuses the rolled-back space.
            long again = f.alloc(1000, 8);
            assertNotEquals(0, again);
            f.end();
        }
    }

    @Test
    void rollbackAcrossASpillRestoresTheMainBlock() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().frameArenaBytes(4096).strict(false))) {
            FrameArena f = mem.frame();
            long base = mem.nativeBytes();
            f.begin();
            long m1 = f.mark();
            f.alloc(3000, 8);
            long m2 = f.mark();
            f.alloc(3000, 8); // spills
            long m3 = f.mark();
            f.alloc(3000, 8);
            f.rollback(m3);
            f.rollback(m2);
            assertEquals(3000, f.used());
            f.rollback(m1);
            assertEquals(0, f.used());
            f.end();
            assertEquals(base, mem.nativeBytes(), "spill blocks are gone; the block grows at the next begin()");
        }
    }

    @Test
    void overflowSpillsDiagnosesAndGrowsTheNextFrame() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().frameArenaBytes(4096).strict(true))) {
            FrameArena f = mem.frame();
            f.begin();
            long a = f.alloc(3000, 8);
            long b = f.alloc(3000, 8); // does not fit: spills, a warning even in strict mode
            MemoryUtil.memSet(a, 1, 3000);
            MemoryUtil.memSet(b, 2, 3000);
            assertEquals(1, MemoryUtil.memGetByte(a + 2999));
            assertEquals(1, f.overflows());
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM002));
            assertTrue(mem.recentDiagnostics().get(0).contains("next frame grows to 8192 bytes"), mem.recentDiagnostics().toString());
            f.end();
            assertEquals(6000, f.highWater());
            f.begin();
            assertEquals(8192, f.capacity());
            f.alloc(3000, 8);
            f.alloc(3000, 8);
            assertEquals(1, f.overflows(), "the grown block holds the same frame");
            f.end();
        }
    }

    @Test
    void allocationOutsideAFrameIsDiagnosed() {
        try (EngineMemory mem = Engines.lenient()) {
            FrameArena f = mem.frame();
            assertEquals(0, f.alloc(16, 8), "refused");
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM001));
        }
        try (EngineMemory mem = Engines.strict()) {
            MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, () -> mem.frame().alloc(16, 8));
            assertEquals(DiagnosticCode.EM001, e.code());
            assertTrue(e.getMessage().startsWith("[EM001] frame allocation of 16 bytes outside begin()/end()"), e.getMessage());
        }
    }

    @Test
    void stackSharesTheArenaMemory() {
        try (EngineMemory mem = Engines.create()) {
            FrameArena f = mem.frame();
            f.begin();
            MemoryStack s = f.stack();
            long a = f.alloc(100, 8);
            long usedBeforePush = f.used();
            long inside;
            try (MemoryStack inner = s.push()) {
                IntBuffer ib = inner.mallocInt(10);
                ib.put(0, 42);
                if (!Engines.killSwitch()) { // under the kill switch alloc() is its own malloc on purpose
                    assertTrue(MemoryUtil.memAddress(ib) > a + 100, "the stack grows down from the top, allocs up from the bottom");
                }
                assertTrue(f.used() >= 140);
                inside = f.alloc(64, 8); // made inside push(): pop() must not take it back
                MemoryUtil.memSet(inside, 7, 64);
            }
            assertTrue(f.used() >= usedBeforePush + 64 && f.used() < usedBeforePush + 64 + 8,
                "pop() gives back the stack's bytes, not the arena's: " + f.used());
            try (MemoryStack again = s.push()) {
                MemoryUtil.memSet(MemoryUtil.memAddress(again.malloc(256)), 1, 256);
            }
            assertEquals(7, MemoryUtil.memGetByte(inside + 63), "a later push did not overwrite the alloc made inside push()");
            assertTrue(f.highWater() >= 140);
            f.end();
            assertEquals(0, s.getFrameIndex());
            assertEquals(s.getSize(), s.getPointer());
        }
    }

    @Test
    void endResetsInConstantTimeAndUnbalancedCallsAreDiagnosed() {
        try (EngineMemory mem = Engines.lenient()) {
            FrameArena f = mem.frame();
            f.end();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM003));
            f.begin();
            f.begin();
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM003));
            f.alloc(1000, 8);
            f.end();
            assertEquals(0, f.stack().getFrameIndex());
            f.begin();
            assertEquals(0, f.used());
            f.end();
        }
    }

    @Test
    void markFromAnotherFrameIsRefused() {
        try (EngineMemory mem = Engines.lenient()) {
            FrameArena f = mem.frame();
            f.begin();
            long m = f.mark();
            f.end();
            f.begin();
            f.alloc(64, 8);
            f.rollback(m);
            assertEquals(64, f.used(), "refused: nothing rolled back");
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM004));
            f.end();
        }
    }

    @Test
    void callocZeroes() {
        try (EngineMemory mem = Engines.create()) {
            FrameArena f = mem.frame();
            for (int round = 0; round < 2; round++) {
                f.begin();
                long p = f.calloc(256, 16);
                for (int i = 0; i < 256; i++) {
                    assertEquals(0, MemoryUtil.memGetByte(p + i));
                }
                MemoryUtil.memSet(p, 0x77, 256);
                f.end();
            }
        }
    }

    @Test
    void threadsGetTheirOwnArenaAndCanReleaseIt() throws Exception {
        try (EngineMemory mem = Engines.create()) {
            FrameArena mine = mem.frame();
            assertSame(mine, mem.frame());
            long before = mem.nativeBytes();
            FrameArena[] theirs = new FrameArena[1];
            long[] during = new long[1];
            Thread t = new Thread(() -> {
                theirs[0] = mem.frame();
                theirs[0].begin();
                theirs[0].alloc(100, 8);
                theirs[0].end();
                during[0] = mem.nativeBytes();
                theirs[0].release();
            });
            t.start();
            t.join();
            assertNotSame(mine, theirs[0]);
            assertTrue(during[0] > before);
            assertEquals(before, mem.nativeBytes(), "released arena returned its block");
            assertEquals(1, mem.snapshot().frameCount());
        }
    }
}
