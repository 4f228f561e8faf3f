package dev.burrow.dungeon.overlay;

import dev.burrow.memory.DebugLevel;
import dev.burrow.memory.DiagnosticCode;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameBudgetPolicy;
import dev.burrow.memory.FrameWorkers;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.Pool;
import dev.burrow.memory.SizeClassHeap;
import dev.burrow.memory.StreamingBudget;
import dev.burrow.memory.test.BurrowMemoryTest;
import dev.burrow.memory.test.CapturedDiagnostics;
import dev.burrow.memory.test.ZeroGarbage;
import imgui.ImGui;
import imgui.ImGuiIO;
import imgui.type.ImInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The overlay's sections drawn every frame from a refilled snapshot allocate no Java heap — with something in every
 * one of them: two threads' frame phases with a budget and a promotion, a compacted pool with a pinned slot, a
 * size-class heap with small and large blocks, a streaming budget that evicted, refused and pins. ImGui runs without a
 * window (a context, a font atlas built on the CPU, no renderer), so this needs no display. The mouse sweeps the
 * bars' column down the panel, so every tooltip is drawn too.
 */
@BurrowMemoryTest(debug = DebugLevel.SIMPLE)
class OverlaySectionsTest {
    private static final int HEIGHT = 1400;

    @BeforeEach
    void imgui() {
        ImGui.createContext();
        ImGuiIO io = ImGui.getIO();
        io.setIniFilename(null);
        io.setDisplaySize(MemoryOverlay.PANEL_WIDTH, HEIGHT);
        io.getFonts().getTexDataAsRGBA32(new ImInt(), new ImInt());
    }

    @AfterEach
    void noImgui() {
        ImGui.destroyContext();
    }

    @Test
    void everySectionWithEverythingInItAllocatesNothingPerFrame(EngineMemory mem) throws Exception {
        CapturedDiagnostics seen = CapturedDiagnostics.on(mem); // the budget's refusal (EM503) is on purpose
        FrameArena frame = mem.frame();
        frame.budget(1 << 20, FrameBudgetPolicy.WARN);
        LevelGroup kept = mem.group("kept");
        frame.begin();
        frame.beginPhase("input");
        frame.alloc(100, 8);
        frame.endPhase();
        frame.beginPhase("step");
        long path = frame.alloc(256, 8);
        frame.promote(path, 256, 8, kept);
        frame.endPhase();
        frame.end();
        FrameWorkers team = mem.frameWorkers("overlay-test", 2); // open while drawn: its arena shows as a second thread
        frame.begin(); // share 0 runs in the caller's frame
        team.run((worker, workers, own) -> {
            own.beginPhase("share");
            own.alloc(64, 8);
            own.endPhase();
        });
        frame.end();
        Pool pool = mem.pool("particles", 24);
        int[] handles = new int[6000];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = pool.acquire();
        }
        for (int i = 0; i < handles.length; i++) {
            if (i % 50 != 0) {
                pool.release(handles[i]);
            }
        }
        pool.pin(handles[0]);
        assertTrue(pool.compact() > 0);
        SizeClassHeap heap = mem.heap("ui::strings");
        long small = heap.alloc(37);
        long medium = heap.alloc(300);
        long large = heap.alloc(10_000);
        StreamingBudget levels = mem.streaming("levels", 100_000);
        StreamingBudget.Entry current = levels.reserve("depth 3", 40_000, 2, null);
        current.pin();
        StreamingBudget.Entry[] old = {
            levels.reserve("depth 1", 30_000, -1, null), levels.reserve("depth 2", 30_000, 0, null),
            levels.reserve("depth 4", 30_000, 1, null)};
        assertNull(levels.reserve("too big", 200_000, 5, null));
        assertEquals(1, seen.count(DiagnosticCode.EM503));

        MemorySnapshot[] snap = {mem.snapshot()};
        assertEquals(2, snap[0].frameCount());
        assertEquals(1, snap[0].streaming("levels").evictions());
        int[] tooltips = {0};
        // The heaviest block checked (ImGui and every section): on 2 busy cores C2 was still compiling it after 3000
        // runs and a 488 B tier-up event hit both of two rounds in one CI run. Garbage it makes fails every round.
        ZeroGarbage.of("the overlay's sections, every one of them with figures").warmUp(5000).runs(700).retries(3)
            .assertZero(i -> {
                snap[0] = mem.snapshot(snap[0]);
                tooltips[0] += drawSections(snap[0], i) ? 1 : 0;
            });
        assertTrue(tooltips[0] > 50, "the sweep hovered bars and drew their tooltips: " + tooltips[0]);

        for (StreamingBudget.Entry e : old) {
            if (e.isResident()) {
                e.release();
            }
        }
        current.release();
        heap.free(small);
        heap.free(medium);
        heap.free(large);
        pool.unpin(handles[0]);
        for (int i = 0; i < handles.length; i += 50) {
            pool.release(handles[i]);
        }
        pool.close();
        kept.close();
        team.close();
    }

    /** @return whether a tooltip was drawn (a second window's draw list) */
    private static boolean drawSections(MemorySnapshot snap, int i) {
        ImGuiIO io = ImGui.getIO();
        io.setDeltaTime(1 / 60f);
        io.setMousePos(170, (i * 4) % HEIGHT); // the bars' column, top to bottom
        ImGui.newFrame();
        ImGui.setNextWindowPos(0, 0);
        ImGui.setNextWindowSize(MemoryOverlay.PANEL_WIDTH, HEIGHT);
        ImGui.begin("Burrow memory");
        AllocatorSections.allocators(snap);
        PhaseSection.draw(snap);
        AllocatorSections.pools(snap);
        NativeSection.draw(snap);
        StreamingSection.draw(snap);
        ImGui.end();
        ImGui.render();
        return ImGui.getDrawData().getCmdListsCount() > 1;
    }
}
