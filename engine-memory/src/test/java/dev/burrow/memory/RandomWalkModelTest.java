package dev.burrow.memory;

import org.junit.jupiter.api.Test;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A seeded random walk of 100k operations over all three allocators, checked after every step against a plain
 * Java model: the live sets (contents included) and every counter must agree. Failures print the seed and step.
 */
class RandomWalkModelTest {
    private static final int STEPS = 100_000;

    /** One allocation the model expects to be intact: where, how big, what was written. */
    private static final class Block {
        final long address;
        final int bytes;
        final byte fill;

        Block(long address, int bytes, byte fill) {
            this.address = address;
            this.bytes = bytes;
            this.fill = fill;
        }
    }

    private static final class GroupModel {
        final LevelGroup group;
        final List<Block> blocks = new ArrayList<>();
        long bytes;

        GroupModel(LevelGroup group) {
            this.group = group;
        }
    }

    private final Random rnd = new Random(0xB0220);
    private EngineMemory mem;
    private FrameArena frame;
    private Pool pool;
    private final List<Block> frameBlocks = new ArrayList<>();
    private final List<long[]> marks = new ArrayList<>(); // {mark, blocksAtMark, usedAtMark}
    private final List<Block> poolSlots = new ArrayList<>();
    private final Map<Integer, Block> handles = new HashMap<>();
    private final List<Integer> staleHandles = new ArrayList<>();
    private final List<GroupModel> groups = new ArrayList<>();
    private long poolAllocs;
    private long poolFrees;
    private long expectedStale;
    private int groupSerial;
    private int step;

    @Test
    void randomWalkAgreesWithTheModel() {
        mem = Engines.create(MemoryConfig.defaults().strict(false).frameArenaBytes(64 * 1024));
        long baseline = mem.nativeBytes();
        frame = mem.frame();
        pool = mem.pool("walk::slots", 40);
        try {
            for (step = 0; step < STEPS; step++) {
                act(rnd.nextInt(100));
                checkCounters();
                checkSample();
            }
            checkAll();
            // Unwind everything and prove the heap is back where it began.
            if (frame.inFrame()) {
                frame.end();
            }
            for (Block b : poolSlots) {
                pool.free(b.address);
            }
            for (Integer h : handles.keySet()) {
                pool.release(h);
            }
            pool.close();
            for (GroupModel g : groups) {
                g.group.close();
            }
            frame.release();
            assertEquals(baseline, mem.nativeBytes(), "native bytes back to baseline");
            assertEquals(0, mem.snapshot().tag("walk").liveBytes());
            assertEquals(expectedStale, mem.diagnosticCount(DiagnosticCode.EM103));
            assertEquals(0, mem.diagnosticCount(DiagnosticCode.EM101) + mem.diagnosticCount(DiagnosticCode.EM102)
                + mem.diagnosticCount(DiagnosticCode.EM104) + mem.diagnosticCount(DiagnosticCode.EM005));
        } finally {
            mem.close();
        }
    }

    private void act(int op) {
        if (op < 4) {
            if (frame.inFrame()) {
                frame.end();
                frameBlocks.clear();
                marks.clear();
                assertEquals(0, frame.stack().getFrameIndex());
            } else {
                frame.begin();
                assertEquals(0, frame.used(), at("fresh frame"));
            }
        } else if (op < 22) {
            if (frame.inFrame()) {
                int bytes = 1 + rnd.nextInt(rnd.nextInt(20) == 0 ? 20_000 : 300);
                int align = 1 << rnd.nextInt(8);
                long p = frame.alloc(bytes, align);
                assertEquals(0, p & (align - 1), at("frame alignment"));
                frameBlocks.add(write(p, bytes));
            }
        } else if (op < 26) {
            if (frame.inFrame()) {
                marks.add(new long[] {frame.mark(), frameBlocks.size(), frame.used()});
            }
        } else if (op < 29) {
            if (frame.inFrame() && !marks.isEmpty()) {
                int i = rnd.nextInt(marks.size());
                long[] m = marks.get(i);
                frame.rollback(m[0]);
                while (frameBlocks.size() > m[1]) {
                    frameBlocks.remove(frameBlocks.size() - 1);
                }
                while (marks.size() > i + 1) {
                    marks.remove(marks.size() - 1);
                }
                assertEquals(m[2], frame.used(), at("used after rollback"));
            }
        } else if (op < 45) {
            long p = pool.alloc();
            poolAllocs++;
            poolSlots.add(write(p, 40));
        } else if (op < 58) {
            if (!poolSlots.isEmpty()) {
                Block b = poolSlots.remove(rnd.nextInt(poolSlots.size()));
                verify(b);
                pool.free(b.address);
                poolFrees++;
            }
        } else if (op < 66) {
            int h = pool.acquire();
            poolAllocs++;
            assertFalse(handles.containsKey(h), at("handle reused while live"));
            handles.put(h, write(pool.address(h), 40));
        } else if (op < 72) {
            if (!handles.isEmpty()) {
                Integer h = handles.keySet().stream().skip(rnd.nextInt(handles.size())).findFirst().get();
                Block b = handles.remove(h);
                verify(b);
                pool.release(h);
                poolFrees++;
                staleHandles.add(h);
            }
        } else if (op < 74) {
            if (!staleHandles.isEmpty()) {
                int h = staleHandles.get(rnd.nextInt(staleHandles.size()));
                assertEquals(0, pool.address(h), at("stale handle refused"));
                expectedStale++;
            }
        } else if (op < 90) {
            if (groups.isEmpty() || rnd.nextInt(30) == 0) {
                groups.add(new GroupModel(mem.group("walk::level-" + groupSerial++)));
            }
            GroupModel g = groups.get(rnd.nextInt(groups.size()));
            int bytes = rnd.nextInt(rnd.nextInt(40) == 0 ? 100_000 : 500);
            int align = 1 << rnd.nextInt(7);
            long p = g.group.alloc(bytes, align);
            assertEquals(0, p & (align - 1), at("group alignment"));
            g.blocks.add(write(p, bytes));
            g.bytes += bytes;
        } else if (op < 92) {
            if (!groups.isEmpty()) {
                GroupModel g = groups.remove(rnd.nextInt(groups.size()));
                for (Block b : g.blocks) {
                    verify(b);
                }
                long before = mem.nativeBytes();
                long reserved = g.group.reservedBytes();
                g.group.close();
                assertEquals(before - reserved, mem.nativeBytes(), at("group close frees its chunks"));
            }
        } else {
            // Read-only: the snapshot agrees with the allocators it describes.
            MemorySnapshot s = mem.snapshot();
            assertEquals(groups.size(), s.groupCount(), at("groups open"));
            assertEquals(pool.live(), s.pool("walk::slots").live(), at("snapshot pool live"));
        }
    }

    private Block write(long p, int bytes) {
        assertNotEquals(0, p, at("allocation refused"));
        byte fill = (byte) rnd.nextInt();
        MemoryUtil.memSet(p, fill, bytes);
        return new Block(p, bytes, fill);
    }

    private void verify(Block b) {
        if (b.bytes == 0) {
            return;
        }
        // First, last and a middle byte: cheap enough to do at every step.
        assertEquals(b.fill, MemoryUtil.memGetByte(b.address), at("first byte"));
        assertEquals(b.fill, MemoryUtil.memGetByte(b.address + b.bytes - 1), at("last byte"));
        assertEquals(b.fill, MemoryUtil.memGetByte(b.address + b.bytes / 2), at("middle byte"));
    }

    private void checkCounters() {
        assertEquals(poolSlots.size() + handles.size(), pool.live(), at("pool live"));
        assertEquals(poolAllocs, pool.allocs(), at("pool allocs"));
        assertEquals(poolFrees, pool.frees(), at("pool frees"));
        long groupBytes = 0;
        for (GroupModel g : groups) {
            assertEquals(g.bytes, g.group.bytes(), at("group bytes"));
            assertEquals(g.blocks.size(), g.group.allocs(), at("group allocs"));
            groupBytes += g.bytes;
        }
        assertTrue(mem.nativeBytes() >= groupBytes, at("native covers groups"));
    }

    private void checkSample() {
        if (!frameBlocks.isEmpty()) {
            verify(frameBlocks.get(rnd.nextInt(frameBlocks.size())));
        }
        if (!poolSlots.isEmpty()) {
            verify(poolSlots.get(rnd.nextInt(poolSlots.size())));
        }
        if (!groups.isEmpty()) {
            GroupModel g = groups.get(rnd.nextInt(groups.size()));
            if (!g.blocks.isEmpty()) {
                verify(g.blocks.get(rnd.nextInt(g.blocks.size())));
            }
        }
    }

    private void checkAll() {
        frameBlocks.forEach(this::verify);
        poolSlots.forEach(this::verify);
        handles.values().forEach(this::verify);
        groups.forEach(g -> g.blocks.forEach(this::verify));
    }

    private String at(String what) {
        return what + " (seed 0xB0220, step " + step + ")";
    }
}
