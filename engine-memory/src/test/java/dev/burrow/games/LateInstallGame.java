package dev.burrow.games;

import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.MemoryUtil;

/**
 * A game that installs Burrow's LWJGL allocator after LWJGL already chose its own: {@code LwjglInstallTest} expects
 * one line saying so, with its code, and nothing tracked.
 */
public final class LateInstallGame {
    private LateInstallGame() {
    }

    public static void main(String[] args) {
        MemoryUtil.memFree(MemoryUtil.memAlloc(16)); // LWJGL picks its allocator here
        boolean installed = BurrowLwjglAllocator.install();
        try (EngineMemory mem = EngineMemory.create(MemoryConfig.defaults())) {
            MemoryUtil.memFree(MemoryUtil.memAlloc(64));
            System.out.println("installed=" + installed + " attached=" + mem.snapshot().lwjglAttached()
                + " EM901=" + mem.snapshot().diagnostics(dev.burrow.memory.DiagnosticCode.EM901));
        }
    }
}
