package dev.burrow.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lwjgl.system.MemoryUtil;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The API fuzzer: a seeded random walk over every allocator, with misuse mixed in (double frees, frees after reuse,
 * foreign and interior pointers, forged and other pools' handles, marks of other frames, arenas and groups, use after
 * close and release, oversized requests) and a second thread that frees into a concurrent pool (validly and not) and
 * misuses confined allocators. After every step it checks against a plain Java model:
 * <ul>
 *   <li>no address is owned twice: every live block of every allocator is disjoint from every other;</li>
 *   <li>no byte is written outside its owner: live blocks keep the bytes written into them (sampled each step, all of
 *       them every 1000 steps and at the end);</li>
 *   <li>counters are exact: live slots, allocations, frees, group bytes, and the count of every diagnostic code,
 *       which each misuse predicts.</li>
 * </ul>
 * The seed and step of a failure are in its message. CI runs {@value #DEFAULT_STEPS} steps per level;
 * {@code -Dburrow.fuzz.steps=N} runs more and {@code -Dburrow.fuzz.seed=S} another walk.
 */
class RandomWalkModelTest {
    private static final int DEFAULT_STEPS = 60_000;
    private static final int SLOT = 40;

    /** One allocation the model expects intact: where, how big, what was written. */
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
        final List<long[]> marks = new ArrayList<>(); // {mark, blocks, bytes}
        long bytes;

        GroupModel(LevelGroup group) {
            this.group = group;
        }
    }

    private long seed;
    private Random rnd;
    private Random sampler;
    private DebugLevel level;
    private EngineMemory mem;
    private FrameArena frame;
    private Pool pool;
    private Pool otherPool;
    private ConcurrentPool shared;
    private ExecutorService worker;
    private final TreeMap<Long, Block> owned = new TreeMap<>();
    private final List<Block> frameBlocks = new ArrayList<>();
    private final List<long[]> marks = new ArrayList<>(); // {mark, blocksAtMark, usedAtMark}
    private final List<Long> deadMarks = new ArrayList<>();
    private final List<Block> poolSlots = new ArrayList<>();
    private final List<Long> freedSlots = new ArrayList<>();
    private final Map<Integer, Block> handles = new HashMap<>();
    private final List<Integer> releasedHandles = new ArrayList<>();
    private final List<Block> sharedSlots = new ArrayList<>();
    private final List<Long> sharedFreed = new ArrayList<>();
    private final List<GroupModel> groups = new ArrayList<>();
    private final Map<DiagnosticCode, Long> expected = new EnumMap<>(DiagnosticCode.class);
    private long poolAllocs;
    private long poolFrees;
    private long sharedAllocs;
    private long sharedFrees;
    private long foreignMark;
    private long otherHandle;
    private int groupSerial;
    private int step;

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.shutdownNow();
        }
        if (mem != null) {
            mem.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DebugLevel.class, names = {"SIMPLE", "PARANOID"})
    void randomWalkWithMisuseAgreesWithTheModel(DebugLevel level) throws Exception {
        this.level = level;
        this.seed = Long.getLong("burrow.fuzz.seed", 0xB0220L) + level.ordinal();
        this.rnd = new Random(seed);
        this.sampler = new Random(~seed); // its own stream: checking more or less often does not change the walk
        int steps = Integer.getInteger("burrow.fuzz.steps", level == DebugLevel.PARANOID ? DEFAULT_STEPS / 4 : DEFAULT_STEPS);
        mem = Engines.exactly(MemoryConfig.defaults().debug(level).strict(false).frameArenaBytes(64 * 1024)
            .systemAllocator(Engines.killSwitch()));
        long baseline = mem.nativeBytes();
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "walk-worker"));
        frame = mem.frame();
        pool = mem.pool("walk::slots", SLOT);
        otherPool = mem.pool("walk::other", SLOT);
        shared = mem.concurrentPool("walk::shared", SLOT);
        otherHandle = otherPool.acquire();
        foreignMark = onWorker(() -> {
            FrameArena theirs = mem.frame();
            theirs.begin();
            long m = theirs.mark();
            theirs.end();
            theirs.release();
            return m;
        });
        boolean everyStep = Boolean.getBoolean("burrow.fuzz.checkAll");
        for (step = 0; step < steps; step++) {
            lastOp = rnd.nextInt(120);
            act(lastOp);
            checkCounters();
            if (everyStep || step % 1000 == 999) {
                checkAll();
            } else {
                checkSample();
            }
        }
        checkAll();
        unwind();
        assertEquals(baseline, mem.nativeBytes(), at("native bytes back to baseline"));
        assertEquals(0, mem.snapshot().tag("walk").liveBytes(), at("tag back to zero"));
        checkDiagnostics();
    }

    private void act(int op) throws Exception {
        if (op < 4) {
            frameBeginOrEnd();
        } else if (op < 20) {
            frameAlloc();
        } else if (op < 23) {
            if (frame.inFrame()) {
                marks.add(new long[] {frame.mark(), frameBlocks.size(), frame.used()});
            }
        } else if (op < 26) {
            frameRollback();
        } else if (op < 40) {
            Block b = fill(pool.alloc(), SLOT);
            poolAllocs++;
            poolSlots.add(b);
        } else if (op < 50) {
            if (!poolSlots.isEmpty()) {
                Block b = poolSlots.remove(rnd.nextInt(poolSlots.size()));
                release(b);
                pool.free(b.address);
                poolFrees++;
                freedSlots.add(b.address);
            }
        } else if (op < 56) {
            int h = pool.acquire();
            poolAllocs++;
            assertFalse(handles.containsKey(h), at("handle reused while live"));
            handles.put(h, fill(pool.address(h), SLOT));
        } else if (op < 61) {
            if (!handles.isEmpty()) {
                Integer h = handles.keySet().stream().skip(rnd.nextInt(handles.size())).findFirst().get();
                release(handles.remove(h));
                pool.release(h);
                poolFrees++;
                releasedHandles.add(h);
            }
        } else if (op < 74) {
            groupAlloc();
        } else if (op < 76) {
            groupMarkOrRollback();
        } else if (op < 77) {
            groupClose();
        } else if (op < 84) {
            sharedOps();
        } else {
            misuse(op - 84);
        }
    }

    // ---------------------------------------------------------------- valid operations

    private void frameBeginOrEnd() {
        if (frame.inFrame()) {
            frameBlocks.forEach(this::release);
            frameBlocks.clear();
            frame.end();
            for (long[] m : marks) {
                deadMarks.add(m[0]);
            }
            marks.clear();
        } else {
            frame.begin();
            assertEquals(0, frame.used(), at("fresh frame"));
        }
    }

    private void frameAlloc() {
        if (!frame.inFrame()) {
            return;
        }
        int bytes = 1 + rnd.nextInt(rnd.nextInt(20) == 0 ? 20_000 : 300);
        int align = 1 << rnd.nextInt(8);
        long p = frame.alloc(bytes, align);
        assertEquals(0, p & (align - 1), at("frame alignment"));
        frameBlocks.add(fill(p, bytes));
    }

    private void frameRollback() {
        if (!frame.inFrame() || marks.isEmpty()) {
            return;
        }
        int i = rnd.nextInt(marks.size());
        long[] m = marks.get(i);
        while (frameBlocks.size() > m[1]) {
            release(frameBlocks.remove(frameBlocks.size() - 1)); // verified while still ours
        }
        frame.rollback(m[0]);
        while (marks.size() > i + 1) {
            deadMarks.add(marks.remove(marks.size() - 1)[0]);
        }
        assertEquals(m[2], frame.used(), at("used after rollback"));
    }

    private void groupAlloc() {
        if (groups.isEmpty() || rnd.nextInt(30) == 0) {
            groups.add(new GroupModel(mem.group("walk::level-" + groupSerial++)));
        }
        GroupModel g = groups.get(rnd.nextInt(groups.size()));
        int bytes = rnd.nextInt(rnd.nextInt(40) == 0 ? 100_000 : 500);
        int align = 1 << rnd.nextInt(7);
        long p = g.group.alloc(bytes, align);
        assertEquals(0, p & (align - 1), at("group alignment"));
        g.blocks.add(fill(p, bytes));
        g.bytes += bytes;
    }

    private void groupMarkOrRollback() {
        if (groups.isEmpty()) {
            return;
        }
        GroupModel g = groups.get(rnd.nextInt(groups.size()));
        if (g.marks.isEmpty() || rnd.nextBoolean()) {
            g.marks.add(new long[] {g.group.mark(), g.blocks.size(), g.bytes});
            return;
        }
        int i = rnd.nextInt(g.marks.size());
        long[] m = g.marks.get(i);
        while (g.blocks.size() > m[1]) {
            release(g.blocks.remove(g.blocks.size() - 1));
        }
        g.group.rollback(m[0]);
        g.bytes = m[2];
        while (g.marks.size() > i + 1) {
            g.marks.remove(g.marks.size() - 1);
        }
    }

    private void groupClose() {
        if (groups.isEmpty()) {
            return;
        }
        GroupModel g = groups.remove(rnd.nextInt(groups.size()));
        g.blocks.forEach(this::release);
        long before = mem.nativeBytes();
        long reserved = g.group.reservedBytes();
        g.group.close();
        assertEquals(before - reserved, mem.nativeBytes(), at("group close frees its chunks"));
        if (rnd.nextBoolean()) {
            assertEquals(0, g.group.alloc(8, 8), at("closed group refuses"));
            expect(DiagnosticCode.EM201);
        }
    }

    /** The concurrent pool: the owner allocates, the worker frees (validly, twice, or foreign pointers). */
    private void sharedOps() throws Exception {
        int kind = rnd.nextInt(10);
        if (kind < 5 || sharedSlots.isEmpty()) {
            sharedSlots.add(fill(shared.alloc(), SLOT));
            sharedAllocs++;
        } else if (kind < 8) {
            Block b = sharedSlots.remove(rnd.nextInt(sharedSlots.size()));
            release(b);
            onWorker(() -> {
                shared.free(b.address);
                return 0L;
            });
            sharedFrees++;
            sharedFreed.add(b.address);
        } else if (kind < 9 && !sharedFreed.isEmpty()) {
            long a = sharedFreed.get(rnd.nextInt(sharedFreed.size()));
            if (!owned.containsKey(a)) { // a freed slot not reused yet: the worker frees it again
                onWorker(() -> {
                    shared.free(a);
                    return 0L;
                });
                expect(DiagnosticCode.EM101);
            }
        } else {
            long a = interiorOrForeign();
            onWorker(() -> {
                shared.free(a);
                return 0L;
            });
            expect(DiagnosticCode.EM102);
        }
        shared.drain(); // the owner applies what the worker handed over
    }

    // ---------------------------------------------------------------- misuse

    private void misuse(int kind) throws Exception {
        switch (kind % 18) {
            case 0: { // double free, or a free after the slot was reused by someone else (ABA)
                if (!freedSlots.isEmpty()) {
                    long a = freedSlots.get(rnd.nextInt(freedSlots.size()));
                    if (!owned.containsKey(a)) {
                        pool.free(a);
                        expect(DiagnosticCode.EM101);
                    }
                }
                break;
            }
            case 1: { // interior pointer
                if (!poolSlots.isEmpty()) {
                    pool.free(poolSlots.get(rnd.nextInt(poolSlots.size())).address + 8);
                    expect(DiagnosticCode.EM102);
                }
                break;
            }
            case 2: // a pointer from elsewhere: a group block, another pool, a made-up value
                pool.free(interiorOrForeign());
                expect(DiagnosticCode.EM102);
                break;
            case 3: { // a released handle: stale, or released twice
                if (!releasedHandles.isEmpty()) {
                    int h = releasedHandles.get(rnd.nextInt(releasedHandles.size()));
                    if (!handles.containsKey(h)) {
                        assertEquals(0, pool.address(h), at("stale handle refused"));
                        expect(DiagnosticCode.EM103);
                        pool.release(h);
                        expectOneOf();
                    }
                }
                break;
            }
            case 4: { // a forged handle
                int h = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(1 << 20) : rnd.nextInt();
                if (!handles.containsKey(h)) {
                    assertEquals(0, pool.address(h), at("forged handle refused"));
                    expect(DiagnosticCode.EM103);
                    pool.release(h);
                    expectOneOf();
                }
                break;
            }
            case 5: // a handle of another pool
                if (!handles.containsKey((int) otherHandle)) {
                    assertEquals(0, pool.address((int) otherHandle), at("other pool's handle refused"));
                    expect(DiagnosticCode.EM103);
                }
                break;
            case 6: { // a mark of an earlier frame or already rolled past
                if (frame.inFrame() && !deadMarks.isEmpty()) {
                    long used = frame.used();
                    frame.rollback(deadMarks.get(rnd.nextInt(deadMarks.size())));
                    expect(DiagnosticCode.EM004);
                    assertEquals(used, frame.used(), at("refused rollback changes nothing"));
                }
                break;
            }
            case 7: // a mark of another thread's arena, or a made-up one
                if (frame.inFrame()) {
                    frame.rollback(rnd.nextBoolean() ? foreignMark : rnd.nextLong());
                    expect(DiagnosticCode.EM004);
                }
                break;
            case 8: { // a mark of another group
                if (groups.size() >= 2) {
                    GroupModel a = groups.get(0);
                    GroupModel b = groups.get(1);
                    long m = a.group.mark();
                    a.marks.add(new long[] {m, a.blocks.size(), a.bytes});
                    long bytes = b.group.bytes();
                    b.group.rollback(m);
                    expect(DiagnosticCode.EM202);
                    assertEquals(bytes, b.group.bytes(), at("refused group rollback changes nothing"));
                }
                break;
            }
            case 9: // oversized requests: refused before any arithmetic
                if (frame.inFrame()) {
                    assertEquals(0, frame.alloc(FrameArena.MAX_ALLOC + 1 + rnd.nextInt(1000), 8), at("oversized frame alloc"));
                    expect(DiagnosticCode.EM007);
                }
                if (!groups.isEmpty()) {
                    LevelGroup g = groups.get(0).group;
                    assertEquals(0, g.alloc(rnd.nextBoolean() ? Long.MAX_VALUE : LevelGroup.MAX_ALLOC + 1, 8), at("oversized group alloc"));
                    expect(DiagnosticCode.EM007);
                }
                break;
            case 10: // a confined pool used from another thread
                if (!poolSlots.isEmpty()) {
                    long a = poolSlots.get(rnd.nextInt(poolSlots.size())).address;
                    onWorker(() -> {
                        pool.free(a);
                        return pool.alloc();
                    });
                    expect(DiagnosticCode.EM301);
                    expect(DiagnosticCode.EM301);
                }
                break;
            case 11: // another thread's frame arena and group
                if (frame.inFrame()) {
                    long p = onWorker(() -> frame.alloc(64, 8));
                    assertEquals(0, p, at("foreign thread's frame alloc refused"));
                    expect(DiagnosticCode.EM301);
                }
                if (!groups.isEmpty()) {
                    LevelGroup g = groups.get(0).group;
                    long p = onWorker(() -> {
                        long q = g.alloc(64, 8);
                        g.close();
                        return q;
                    });
                    assertEquals(0, p, at("foreign thread's group alloc refused"));
                    expect(DiagnosticCode.EM301);
                    expect(DiagnosticCode.EM301);
                    assertFalse(g.isClosed(), at("foreign close refused"));
                }
                break;
            case 12: { // a closed pool and a released frame arena of another thread
                Pool gone = mem.pool("walk::gone", SLOT);
                long a = gone.alloc();
                gone.free(a);
                gone.close();
                assertEquals(0, gone.alloc(), at("closed pool refuses alloc"));
                gone.free(a);
                expect(DiagnosticCode.EM105);
                expect(DiagnosticCode.EM105);
                FrameArena released = onWorker(() -> {
                    FrameArena f = mem.frame();
                    f.release();
                    f.begin(); // its owner, after release: refused
                    assertEquals(0, f.alloc(16, 8));
                    assertThrows(MemoryDiagnosticException.class, () -> f.stack().nmalloc(8, 16), "stack of a released arena");
                    return f;
                });
                expect(DiagnosticCode.EM006);
                expect(DiagnosticCode.EM006);
                expect(DiagnosticCode.EM006);
                released.begin(); // and another thread: refused for that first
                expect(DiagnosticCode.EM301);
                break;
            }
            case 13: { // a negative or odd size / alignment: an argument error, nothing allocated
                if (frame.inFrame()) {
                    assertThrows(IllegalArgumentException.class, () -> frame.alloc(-1, 8), at("negative frame size"));
                    assertThrows(IllegalArgumentException.class, () -> frame.alloc(8, 3), at("odd alignment"));
                }
                break;
            }
            case 14: { // a stack allocation larger than the block spills instead of throwing
                if (frame.inFrame() && rnd.nextInt(10) == 0) {
                    try (org.lwjgl.system.MemoryStack s = frame.stack().push()) {
                        long p = s.nmalloc(16, 100_000);
                        Block b = fill(p, 100_000);
                        release(b);
                    }
                }
                break;
            }
            case 15: { // close with live slots in a group's pool: reported, memory returned
                if (rnd.nextInt(20) == 0) {
                    LevelGroup g = mem.group("walk::tmp");
                    Pool p = g.pool("walk::tmp::things", 24);
                    p.alloc();
                    g.close();
                    expect(DiagnosticCode.EM601);
                }
                break;
            }
            case 16: // free(0) is a no-op, as in C
                pool.free(0);
                break;
            default: // begin inside a frame / end outside one
                if (frame.inFrame()) {
                    frame.begin();
                } else {
                    frame.end();
                }
                expect(DiagnosticCode.EM003);
                break;
        }
    }

    private long interiorOrForeign() {
        switch (rnd.nextInt(4)) {
            case 0:
                // (Under the kill switch a group block may sit where libc put a slot this pool freed: then it is a
                // double free, not a foreign pointer. Both are refused; the model wants one exact count.)
                if (!Engines.killSwitch() && !groups.isEmpty() && !groups.get(0).blocks.isEmpty()) {
                    return groups.get(0).blocks.get(0).address;
                }
                return 0xDEAD_0000L;
            case 1:
                return otherPool.address((int) otherHandle);
            case 2:
                return 0x7000_0000_0000L + ((long) rnd.nextInt() & 0xFFFF_FFF0L);
            default:
                return poolSlots.isEmpty() ? 0xBEEF_0000L : poolSlots.get(0).address + 1;
        }
    }

    // ---------------------------------------------------------------- model bookkeeping

    private <T> T onWorker(java.util.concurrent.Callable<T> task) throws Exception {
        Future<T> f = worker.submit(task);
        return f.get();
    }

    private void expect(DiagnosticCode code) {
        expected.merge(code, 1L, Long::sum);
    }

    /** A release of a released or forged handle is a double release (EM101) or a stale handle (EM103). */
    private long eitherReleaseCode;

    private void expectOneOf() {
        eitherReleaseCode++;
    }

    private Block fill(long p, int bytes) {
        assertNotEquals(0, p, at("allocation refused"));
        byte fill = (byte) rnd.nextInt();
        if (bytes > 0) {
            Map.Entry<Long, Block> below = owned.floorEntry(p + bytes - 1);
            if (below != null && below.getValue().address + below.getValue().bytes > p) {
                fail(at("0x" + Long.toHexString(p) + "+" + bytes + " overlaps live block 0x"
                    + Long.toHexString(below.getKey()) + "+" + below.getValue().bytes));
            }
            MemoryUtil.memSet(p, fill, bytes);
        }
        Block b = new Block(p, bytes, fill);
        if (bytes > 0) {
            owned.put(p, b);
        }
        return b;
    }

    private void release(Block b) {
        verify(b);
        if (b.bytes > 0) {
            assertSame(b, owned.remove(b.address), at("model owns the block"));
        }
    }

    private void verify(Block b) {
        if (b.bytes == 0) {
            return;
        }
        assertEquals(b.fill, MemoryUtil.memGetByte(b.address), at("first byte of 0x" + Long.toHexString(b.address)));
        assertEquals(b.fill, MemoryUtil.memGetByte(b.address + b.bytes - 1), at("last byte"));
        assertEquals(b.fill, MemoryUtil.memGetByte(b.address + b.bytes / 2), at("middle byte"));
    }

    private void verifyAll(Block b) {
        for (int i = 0; i < b.bytes; i++) {
            if (MemoryUtil.memGetByte(b.address + i) != b.fill) {
                fail(at("byte " + i + " of 0x" + Long.toHexString(b.address) + "+" + b.bytes + " was written by someone else"));
            }
        }
    }

    private void checkCounters() {
        assertEquals(poolSlots.size() + handles.size(), pool.live(), at("pool live"));
        assertEquals(poolAllocs, pool.allocs(), at("pool allocs"));
        assertEquals(poolFrees, pool.frees(), at("pool frees"));
        assertEquals(sharedSlots.size(), shared.live(), at("concurrent pool live"));
        assertEquals(sharedAllocs, shared.allocs(), at("concurrent pool allocs"));
        assertEquals(sharedFrees, shared.frees(), at("concurrent pool frees"));
        for (GroupModel g : groups) {
            assertEquals(g.bytes, g.group.bytes(), at("group bytes"));
        }
        checkDiagnostics();
    }

    private void checkDiagnostics() {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            long want = expected.getOrDefault(c, 0L);
            long got = mem.diagnosticCount(c);
            if (c == DiagnosticCode.EM101 || c == DiagnosticCode.EM103 || (c == DiagnosticCode.EM102 && Engines.killSwitch())) {
                continue; // checked together below: a bad release may be either
            }
            if (c == DiagnosticCode.EM002) {
                continue; // frames overflow on their own; the walk only asks for one on purpose
            }
            assertEquals(want, got, at(c + " count; diagnostics: " + tail()));
        }
        long pair = mem.diagnosticCount(DiagnosticCode.EM101) + mem.diagnosticCount(DiagnosticCode.EM103);
        long wantPair = expected.getOrDefault(DiagnosticCode.EM101, 0L) + expected.getOrDefault(DiagnosticCode.EM103, 0L)
            + eitherReleaseCode;
        if (Engines.killSwitch()) {
            // Under the kill switch a freed slot's address is forgotten once its slot gets new memory from libc:
            // a later free of it is then a foreign pointer (EM102), not a double free (EM101). Both are refused.
            pair += mem.diagnosticCount(DiagnosticCode.EM102);
            wantPair += expected.getOrDefault(DiagnosticCode.EM102, 0L);
        }
        assertEquals(wantPair, pair, at("EM101 + EM103 count; diagnostics: " + tail()));
    }

    private String tail() {
        List<String> all = Engines.captured(mem);
        return all.subList(Math.max(0, all.size() - 3), all.size()).toString();
    }

    private void checkSample() {
        if (!owned.isEmpty()) {
            Long k = owned.ceilingKey(sampler.nextLong() & 0x7FFF_FFFF_FFFFL);
            verify(owned.get(k == null ? owned.firstKey() : k));
        }
    }

    private void checkAll() {
        owned.values().forEach(this::verifyAll);
    }

    private void unwind() {
        if (frame.inFrame()) {
            frameBlocks.forEach(this::release);
            frame.end();
        }
        for (Block b : poolSlots) {
            pool.free(b.address);
        }
        for (Integer h : handles.keySet()) {
            pool.release(h);
        }
        for (Block b : sharedSlots) {
            shared.free(b.address);
        }
        pool.close();
        shared.close();
        otherPool.release((int) otherHandle);
        otherPool.close();
        for (GroupModel g : groups) {
            g.group.close();
        }
        frame.release();
    }

    private int lastOp;

    private String at(String what) {
        return what + " (" + level + ", seed 0x" + Long.toHexString(seed) + ", step " + step + ", op " + lastOp + ")";
    }
}
