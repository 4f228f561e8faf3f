package dev.burrow.games;

import org.lwjgl.PointerBuffer;
import org.lwjgl.system.jemalloc.JEmalloc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Blocks native code gets from jemalloc itself, as tests of {@code memFree}'s stranger path need them: from a jemalloc
 * arena of their own, so never inside memory Burrow held and gave back (an address there is refused as a stale
 * pointer, {@code EM101}, instead of {@code EM903}).
 */
public final class Strangers {
    private static int arena = -1;

    private Strangers() {
    }

    /** @return a jemalloc block of {@code bytes} that Burrow never saw, to be freed with {@code je_free} (memFree refuses it) */
    public static synchronized long malloc(long bytes) {
        if (arena < 0) {
            ByteBuffer index = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            PointerBuffer length = PointerBuffer.allocateDirect(1).put(0, 4);
            int error = JEmalloc.je_mallctl("arenas.create", index, length, null);
            if (error != 0) {
                throw new IllegalStateException("jemalloc arenas.create failed: " + error);
            }
            arena = index.getInt(0);
        }
        return JEmalloc.nje_mallocx(bytes, JEmalloc.MALLOCX_ARENA(arena) | JEmalloc.MALLOCX_TCACHE_NONE);
    }
}
