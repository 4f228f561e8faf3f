package dev.burrow.games;

import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.Pool;
import org.lwjgl.system.MemoryUtil;

/**
 * A careless game with Burrow installed: double frees, a pool slot and a native block passed to {@code memFree},
 * LWJGL memory used after the engine closed, and frees from another thread. {@code LwjglInstallTest} expects each
 * diagnosed with its code, the process alive to the end, and a zero exit.
 */
public final class StrangerGame {
    private StrangerGame() {
    }

    public static void main(String[] args) throws Exception {
        BurrowLwjglAllocator.install();
        long late;
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            long a = MemoryUtil.nmemAlloc(64);
            MemoryUtil.nmemFree(a);
            MemoryUtil.nmemFree(a);
            long big = MemoryUtil.nmemAlloc(1 << 20);
            MemoryUtil.nmemFree(big);
            MemoryUtil.nmemFree(big);
            Pool pool = mem.pool("bullets", 32);
            long slot = pool.alloc();
            MemoryUtil.nmemFree(slot);
            pool.free(slot);
            pool.close();
            long own = Strangers.malloc(40);
            MemoryUtil.nmemFree(own); // native code's own jemalloc block: refused (EM903), left allocated
            org.lwjgl.system.jemalloc.JEmalloc.nje_free(own);
            long[] handed = new long[1000];
            for (int i = 0; i < handed.length; i++) {
                handed[i] = MemoryUtil.nmemAlloc(8 + i);
            }
            Thread t = new Thread(() -> {
                for (long p : handed) {
                    MemoryUtil.nmemFree(p);
                }
            });
            t.start();
            t.join();
            late = MemoryUtil.nmemAlloc(48);
        }
        MemoryUtil.memPutLong(late, 1);
        MemoryUtil.nmemFree(late);
        MemoryUtil.nmemFree(MemoryUtil.nmemAlloc(32));
        System.out.println("alive");
    }
}
