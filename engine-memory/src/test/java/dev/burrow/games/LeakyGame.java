package dev.burrow.games;

import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;

/**
 * A game that only calls {@code MemoryUtil.memAlloc} and forgets a free: run in its own JVM by
 * {@code LwjglInstallTest}, which expects the leak line at engine close to name this class and the marked line.
 */
public final class LeakyGame {
    private LeakyGame() {
    }

    public static void main(String[] args) {
        BurrowLwjglAllocator.install();
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            ByteBuffer kept = MemoryUtil.memAlloc(256);
            ByteBuffer forgotten = MemoryUtil.memAlloc(100); // LEAK-LINE
            forgotten.putInt(0, 42);
            MemoryUtil.memFree(kept);
            System.out.println("lwjgl bytes before close: " + mem.snapshot().lwjglBytes());
        }
    }
}
