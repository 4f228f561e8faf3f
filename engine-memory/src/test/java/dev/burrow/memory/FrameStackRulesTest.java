package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import static org.junit.jupiter.api.Assertions.*;

/** frame.stack() is the frame's memory: the owner's, inside a frame (below OFF, refused otherwise, always thrown). */
class FrameStackRulesTest {

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"SIMPLE", "PARANOID"})
    void outsideAFrameIsRefusedAndTheNextFrameIsNotBlamed(DebugLevel level) {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(true))) {
            FrameArena f = mem.frame();
            MemoryStack stack = f.stack();
            MemoryDiagnosticException before = assertThrows(MemoryDiagnosticException.class, () -> stack.nmalloc(8, 64));
            assertEquals(DiagnosticCode.EM001, before.code());
            f.begin();
            MemoryUtil.memSet(stack.nmalloc(8, 4096), 1, 4096);
            f.end();
            MemoryDiagnosticException after = assertThrows(MemoryDiagnosticException.class, () -> stack.mallocInt(4));
            assertEquals(DiagnosticCode.EM001, after.code());
            f.begin(); // strict: an EM005 (write after end) here would throw; nothing was written
            try (MemoryStack s = stack.push()) {
                assertNotEquals(0, MemoryUtil.memAddress(s.mallocInt(4)));
            }
            f.end();
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM005));
            assertEquals(2, mem.diagnosticCount(DiagnosticCode.EM001));
        }
    }

    @Test
    void anotherThreadIsRefusedAndTheOwnersPointerDoesNotMove() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.SIMPLE).strict(false))) {
            FrameArena f = mem.frame();
            f.begin();
            MemoryStack stack = f.stack();
            int pointer = stack.getPointer();
            MemoryDiagnosticException e = assertInstanceOf(MemoryDiagnosticException.class,
                Threads.thrownOn("intruder", () -> stack.nmalloc(8, 64)));
            assertEquals(DiagnosticCode.EM301, e.code());
            assertEquals(pointer, stack.getPointer(), "nothing taken");
            f.end();
            assertEquals(1, mem.diagnosticCount(DiagnosticCode.EM301));
        }
    }

    @Test
    void popPushAndSetPointerFromAnotherThreadNeverMoveTheOwnersStack() throws Exception {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.PARANOID).strict(false))) {
            FrameArena f = mem.frame();
            MemoryStack stack = f.stack();
            f.begin();
            stack.push();
            long first = MemoryUtil.memAddress(stack.malloc(64));
            int pointer = stack.getPointer();
            for (Runnable misuse : new Runnable[] {stack::pop, stack::push, () -> stack.setPointer(stack.getSize())}) {
                Throwable thrown = Threads.thrownOn("intruder", misuse);
                assertEquals(DiagnosticCode.EM301, assertInstanceOf(MemoryDiagnosticException.class, thrown).code());
                assertEquals(pointer, stack.getPointer());
            }
            long second = MemoryUtil.memAddress(stack.malloc(64));
            assertNotEquals(first, second, "the live block is not handed out again");
            stack.pop();
            f.end();
            assertEquals(DiagnosticCode.EM001,
                assertThrows(MemoryDiagnosticException.class, () -> stack.setPointer(0)).code(), "between frames");
            assertEquals(3, mem.diagnosticCount(DiagnosticCode.EM301));
        }
    }

    /** LWJGL's own pop() of an empty push stack throws ArrayIndexOutOfBoundsException from inside MemoryStack. */
    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"SIMPLE", "PARANOID"})
    void aPopWithoutItsPushIsRefusedWithACodeAndMovesNothing(DebugLevel level) {
        for (boolean strict : new boolean[] {false, true}) {
            try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(level).strict(strict))) {
                FrameArena f = mem.frame();
                MemoryStack stack = f.stack();
                f.begin();
                long live = MemoryUtil.memAddress(stack.malloc(64));
                int pointer = stack.getPointer();
                MemoryDiagnosticException e = assertThrows(MemoryDiagnosticException.class, stack::pop, "thrown in every mode");
                assertEquals("EM015", e.code().name());
                assertTrue(e.getMessage().contains("pop() without a push() on the stack of frame arena of thread \""
                    + Thread.currentThread().getName() + "\" in frame 1"), e.getMessage());
                assertEquals(pointer, stack.getPointer(), "nothing moved");
                assertNotEquals(live, MemoryUtil.memAddress(stack.malloc(64)), "the live block is not handed out again");
                stack.push(); // left open: end() drops it, and the next frame's pop() is not its pair
                f.end();
                f.begin();
                assertEquals("EM015", assertThrows(MemoryDiagnosticException.class, stack::pop).code().name());
                try (MemoryStack s = stack.push()) { // balanced use goes on as before
                    assertNotEquals(0, MemoryUtil.memAddress(s.mallocInt(4)));
                }
                f.end(); // strict: an EM005 here would throw
                assertEquals(2, mem.diagnosticCount(e.code()));
            }
        }
    }

    @Test
    void offChecksNothing() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().debug(DebugLevel.OFF))) {
            FrameArena f = mem.frame();
            assertNotEquals(0, f.stack().nmalloc(8, 64), "OFF: unchecked, as documented");
        }
    }
}
