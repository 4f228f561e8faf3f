package dev.burrow.games;

import dev.burrow.memory.BurrowLwjglAllocator;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import org.lwjgl.system.APIUtil;
import org.lwjgl.system.JNI;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.libffi.LibFFI;

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
            // LWJGL's own state, kept for the life of the process (a call interface, as its callbacks have): not a leak
            APIUtil.apiCreateCIF(LibFFI.FFI_DEFAULT_ABI, LibFFI.ffi_type_void, LibFFI.ffi_type_pointer);
            // native code allocating through LWJGL's allocator, never freed: a leak, named as native code's
            JNI.invokePP(40, MemoryUtil.getAllocator().getMalloc()); // NATIVE-LEAK-LINE
            System.out.println("lwjgl bytes before close: " + mem.snapshot().lwjglBytes());
        }
    }
}
