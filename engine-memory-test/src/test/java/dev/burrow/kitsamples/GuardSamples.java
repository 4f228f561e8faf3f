package dev.burrow.kitsamples;

import dev.burrow.memory.FrameArena;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.jemalloc.JEmalloc;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.function.LongConsumer;

/** Code the guard rules must flag, and code they must leave alone; the kit's GuardRulesTest imports it. */
public final class GuardSamples {
    private GuardSamples() {
    }

    /** Every way to get native memory behind engine-memory's back that the raw-allocation rule knows. */
    public static final class RawAllocations {
        ByteBuffer direct() {
            return ByteBuffer.allocateDirect(64);
        }

        void lwjgl() {
            ByteBuffer b = MemoryUtil.memAlloc(16);
            MemoryUtil.memFree(b);
            long p = MemoryUtil.nmemCalloc(1, 8);
            MemoryUtil.nmemFree(p);
        }

        long jemalloc() {
            return JEmalloc.nje_malloc(32);
        }

        ByteBuffer encodes() {
            return MemoryUtil.memUTF8("hello");
        }

        LongConsumer freer() {
            return MemoryUtil::nmemFree;
        }
    }

    /** Fine: reading, writing and stack pushes. */
    public static final class Harmless {
        int fine(ByteBuffer target) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer one = stack.mallocInt(1);
                one.put(0, 7);
                return MemoryUtil.memUTF8("x", false, target) + one.get(0);
            }
        }
    }

    /** Frame memory kept in fields. */
    public static final class FrameFields {
        long scratch;
        IntBuffer kept;
        long count;

        void storesDirectly(FrameArena frame) {
            scratch = frame.alloc(64, 8);
        }

        void storesAStackBuffer(FrameArena frame) {
            kept = frame.stack().mallocInt(4);
        }

        void countsOnAnotherLine(FrameArena frame) {
            long p = frame.calloc(16, 8);
            count++;
            MemoryUtil.memPutLong(p, count);
        }

        /** Not seen: the address travels through a local (ArchUnit has no data flow). */
        void storesThroughALocal(FrameArena frame) {
            long p = frame.alloc(8, 8);
            scratch = p;
        }
    }
}
