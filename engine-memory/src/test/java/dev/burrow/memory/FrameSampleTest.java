package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's second sample (frames beyond begin/end) is this code, verbatim, and it runs clean. */
class FrameSampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "dev", "burrow", "memory", "FrameSampleTest.java");
    private static final int W = 16;
    private static final int H = 16;

    @Test
    void sampleRunsKeepsThePathAndLeavesNothingBehind() {
        try (EngineMemory mem = Engines.create(MemoryConfig.defaults().strict(true))) {
            LevelGroup level = mem.group("level");
            long kept = sample(mem, level, 0, W * H - 1);
            assertNotEquals(0, kept, "the path was promoted into the level");
            assertEquals(W * H - 1, MemoryUtil.memGetInt(kept), "it starts at the goal");
            MemorySnapshot s = mem.snapshot();
            assertEquals("ai", s.frame(0).phase(0).name());
            assertTrue(s.frame(0).phase(0).lastAllocs() >= 3);
            level.close();
            assertEquals(0, Engines.captured(mem).size(), Engines.captured(mem).toString());
        }
    }

    /** Breadth-first search on an open 16x16 grid; the path from goal back to start is kept in the level. */
    @SuppressWarnings("unused")
    private static long sample(EngineMemory mem, LevelGroup level, int start, int goal) {
        // FRAME-SAMPLE-BEGIN
        FrameArena frame = mem.frame();
        frame.budget(512 * 1024, FrameBudgetPolicy.WARN);        // this thread's frames: warn past 512 KiB
        frame.begin();
        frame.beginPhase("ai");                                  // bytes, allocations, high water per phase
        FrameIntList queue = frame.intList(W * H);               // bounded, gone at end(), no Java heap
        FrameIntIntMap cameFrom = frame.intIntMap(W * H);
        queue.add(start);
        cameFrom.put(start, start);
        for (int head = 0; head < queue.size(); head++) {
            int cell = queue.get(head);
            for (int d = 0; d < 4; d++) {
                int next = cell + (d == 0 ? -1 : d == 1 ? 1 : d == 2 ? -W : W);
                boolean inside = next >= 0 && next < W * H && (next / W == cell / W || next % W == cell % W);
                if (inside && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, cell);
                    queue.add(next);
                }
            }
        }
        int steps = 0;
        long path = frame.alloc(4L * W * H, 4);                  // the path, goal first
        for (int c = goal; ; c = cameFrom.get(c, start)) {
            MemoryUtil.memPutInt(path + 4L * steps++, c);
            if (c == start) {
                break;
            }
        }
        long ticket = frame.promote(path, 4L * steps, 4, level); // keep it: copied into the level at end()
        frame.endPhase();
        frame.end();
        return frame.promotedAddress(ticket);                    // where it lives now (0 if frame.promotion(ticket) failed)
        // FRAME-SAMPLE-END
    }

    @Test
    void readmeShowsThisSampleVerbatim() throws IOException {
        List<String> src = Files.readAllLines(SELF);
        int from = indexOf(src, "// FRAME-SAMPLE-BEGIN") + 1;
        int to = indexOf(src, "// FRAME-SAMPLE-END");
        String sample = src.subList(from, to).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.trim())
            .collect(Collectors.joining("\n"));
        assertTrue(Files.readString(README).contains("```java\n" + sample + "\n```"),
            "README frame sample differs from FrameSampleTest:\n" + sample);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker);
    }
}
