package dev.burrow.stress.bench;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.MemoryConfig;
import dev.burrow.memory.StreamingBudget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;

/**
 * The streaming budget's eviction decision at {@code entries} resident entries: every reservation finds the budget
 * full and evicts exactly one entry. {@code burrowDistinctPriorities}: every entry has a priority of its own (the sorted map
 * of priorities is as deep as it gets: the O(log n) case); {@code burrowOnePriority}: pure least-recently-used. Scores are
 * per reservation (decision, eviction, callback, the new entry); {@code burrowTouch} is the per-use cost.
 */
@Fork(1)
@State(Scope.Thread)
public class StreamingBench {
    @Param({"10000"})
    public int entries;

    private EngineMemory mem;
    private StreamingBudget distinct;
    private StreamingBudget single;
    private StreamingBudget.Entry[] touched;
    private int priority;
    private long evicted;
    private final SplittableRandom rnd = new SplittableRandom(7);
    private final StreamingBudget.Evictor count = e -> evicted++;

    @Setup(Level.Trial)
    public void setup() {
        mem = EngineMemory.createExactly(MemoryConfig.defaults());
        distinct = mem.streaming("distinct", entries * 100L);
        single = mem.streaming("single", entries * 100L);
        touched = new StreamingBudget.Entry[entries];
        for (int i = 0; i < entries; i++) {
            distinct.reserve("d", 100, priority++, count);
            touched[i] = single.reserve("s", 100, 0, count);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mem.close();
    }

    @Benchmark
    public Object burrowDistinctPriorities() {
        return distinct.reserve("d", 100, priority++, count); // evicts the lowest priority: the oldest entry
    }

    @Benchmark
    public Object burrowOnePriority() {
        return single.reserve("s", 100, 0, count); // evicts the least recently used
    }

    @Benchmark
    public int burrowTouch() {
        StreamingBudget.Entry e = touched[rnd.nextInt(touched.length)];
        e.touch();
        return e.priority();
    }
}
