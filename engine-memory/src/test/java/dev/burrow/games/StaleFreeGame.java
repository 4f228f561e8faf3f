package dev.burrow.games;

import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.MemoryDiagnosticException;
import dev.burrow.memory.Pool;
import dev.burrow.memory.SizeClassHeap;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;

/**
 * A game with Burrow installed that hands {@code memFree} and {@code memRealloc} stale and inside pointers: blocks
 * freed twice after their heap gave its slabs back, blocks of a heap, pool or group closed since, and the inside of
 * a block LWJGL allocated before the engine. Each used to reach jemalloc, which crashed or freed a live neighbour.
 * {@code NativeMisuseTest} runs one scenario per JVM (a crash takes only the child) and expects each refused with its
 * code, every live block's bytes intact, and {@code alive}.
 *
 * <p>Arguments: the scenario, the debug level, and {@code strict} or {@code lenient}. Diagnostics are counted by an
 * engine that stays open for that purpose; refusals strict mode throws are caught and printed.</p>
 */
public final class StaleFreeGame {
    /** Off under the kill switch, where every block and slot is its own system malloc. */
    private static final boolean slabs = !"1".equals(System.getenv("BURROW_SYSTEM_ALLOCATOR"));
    private static int thrown;

    private StaleFreeGame() {
    }

    public static void main(String[] args) {
        BurrowLwjglAllocator.install();
        String scenario = args[0];
        DebugLevel level = DebugLevel.valueOf(args[1]);
        MemoryConfig config = MemoryConfig.defaults().debug(level).strict("strict".equals(args[2]));
        long[] neighbours = new long[64];
        switch (scenario) {
            case "double-free-after-engine-close": {
                long p;
                try (EngineMemory mem = EngineMemory.create(config)) {
                    quiet(mem);
                    p = MemoryUtil.nmemAlloc(64);
                }
                MemoryUtil.nmemFree(p); // the last block of the retired heap: its slabs go back to jemalloc
                try (EngineMemory next = EngineMemory.create(config)) { // attached now: counts what follows
                    quiet(next);
                    // Before anything reuses that memory: once a new slab sits there, p is a block of it again, and
                    // freeing it twice frees that block (as with malloc; no allocator can tell).
                    free(p);
                    realloc(p, 200);
                    fill(neighbours);
                    churn();
                    check(neighbours);
                    report(next);
                }
                break;
            }
            case "block-of-a-closed-heap": {
                try (EngineMemory mem = EngineMemory.create(config)) {
                    quiet(mem);
                    fill(neighbours);
                    SizeClassHeap heap = mem.heap("ui");
                    long p = heap.alloc(64);
                    long big = heap.alloc(100_000);
                    heap.free(p);
                    heap.free(big);
                    heap.close();
                    free(p);
                    free(slabs ? p + 64 : p); // on slabs: the next block's place; else each block is its own malloc
                    free(big);
                    realloc(p, 10);
                    churn();
                    check(neighbours);
                    report(mem);
                }
                break;
            }
            case "slot-of-a-closed-pool-and-group": {
                try (EngineMemory mem = EngineMemory.create(config)) {
                    quiet(mem);
                    fill(neighbours);
                    Pool pool = mem.pool("bullets", 32);
                    long slot = pool.alloc();
                    pool.free(slot);
                    pool.close();
                    LevelGroup group = mem.group("level");
                    long inGroup = group.alloc(256, 16);
                    group.close();
                    free(slot);
                    free(slabs ? slot + 32 * 5 : slot);
                    free(inGroup);
                    realloc(slot, 100);
                    churn();
                    check(neighbours);
                    report(mem);
                }
                break;
            }
            case "inside-a-block-from-before-the-engine": {
                long small = MemoryUtil.nmemAlloc(200); // no engine yet: straight to jemalloc, recorded
                long big = MemoryUtil.nmemAlloc(1 << 20);
                MemoryUtil.memSet(small, 0x11, 200);
                MemoryUtil.memSet(big, 0x22, 1 << 20);
                try (EngineMemory mem = EngineMemory.create(config)) {
                    quiet(mem);
                    fill(neighbours);
                    free(small + 16);
                    free(big + 8192);
                    realloc(small + 16, 10);
                    churn();
                    check(neighbours);
                    for (long i = 0; i < 200; i++) {
                        expect(MemoryUtil.memGetByte(small + i) == 0x11, "the small block's bytes");
                    }
                    for (long i = 0; i < 1 << 20; i += 61) {
                        expect(MemoryUtil.memGetByte(big + i) == 0x22, "the big block's bytes");
                    }
                    MemoryUtil.nmemFree(small);
                    MemoryUtil.nmemFree(big);
                    report(mem);
                }
                break;
            }
            default:
                throw new IllegalArgumentException(scenario);
        }
        System.out.println("alive");
    }

    /** Counts every diagnostic in the engine; the test reads the figures this program prints, not a log. */
    private static void quiet(EngineMemory mem) {
        mem.diagnosticListener((code, message) -> { });
    }

    private static void free(long p) {
        try {
            MemoryUtil.nmemFree(p);
        } catch (MemoryDiagnosticException e) {
            thrown++;
            System.out.println("threw " + e.code());
        }
    }

    private static void realloc(long p, long size) {
        try {
            long r = MemoryUtil.nmemRealloc(p, size);
            expect(r == 0, "realloc of a stale or inside pointer is refused: NULL");
        } catch (MemoryDiagnosticException e) {
            thrown++;
            System.out.println("threw " + e.code());
        }
    }

    /** Live blocks of several sizes around the misuse, each filled with its own byte. */
    private static void fill(long[] blocks) {
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = MemoryUtil.nmemAlloc(size(i));
            MemoryUtil.memSet(blocks[i], i + 1, size(i));
        }
    }

    private static long size(int i) {
        return i % 8 == 7 ? 70_000 : 16 + i * 40L;
    }

    private static void check(long[] blocks) {
        for (int i = 0; i < blocks.length; i++) {
            for (long k = 0; k < size(i); k += 7) {
                expect(MemoryUtil.memGetByte(blocks[i] + k) == (byte) (i + 1), "block " + i + " intact");
            }
            MemoryUtil.nmemFree(blocks[i]);
        }
    }

    /** jemalloc's own traffic, so a block it was wrongly handed is reused (or trips it) before the program ends. */
    private static void churn() {
        long[] p = new long[2000];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < p.length; i++) {
                p[i] = JEmalloc.nje_malloc(16 + (i * 37) % 70_000);
            }
            for (long q : p) {
                JEmalloc.nje_free(q);
            }
        }
    }

    private static void report(EngineMemory mem) {
        System.out.println("EM101=" + mem.diagnosticCount(DiagnosticCode.EM101) + " EM102=" + mem.diagnosticCount(DiagnosticCode.EM102)
            + " EM903=" + mem.diagnosticCount(DiagnosticCode.EM903) + " thrown=" + thrown);
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            System.out.println("BROKEN: " + what);
            System.exit(1);
        }
    }
}
