package dev.burrow.memory;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of worker threads that split one piece of per-frame work with the calling thread, each inside a frame
 * of its own {@link FrameArena}, and end that frame together at a {@link FrameBarrier}. Make one with
 * {@link EngineMemory#frameWorkers(String, int)}; {@link #run} is the whole API:
 *
 * <pre>{@code
 * FrameWorkers team = mem.frameWorkers("sim", 2);
 * team.run((worker, workers, frame) -> step(worker, workers, frame));   // each worker takes its share of the indices
 * }</pre>
 *
 * <p>With {@code n} workers, the caller runs share 0 in its own (current) frame and {@code n - 1} threads run the
 * others, each between its own {@code begin()} and {@code end()}; {@code run} returns once all have arrived, and
 * rethrows the first failure. Nothing allocates Java heap per {@code run}: the threads are made once and wait parked
 * between frames. Cost per {@code run}: an unpark per worker and the barrier (see {@link FrameBarrier}); measured in
 * the README's benchmark table (FrameWorkersBench).</p>
 */
public final class FrameWorkers implements AutoCloseable {
    /** The work of one frame, split by worker index. */
    @FunctionalInterface
    public interface Task {
        /**
         * @param worker this worker's index, 0 (the calling thread) to {@code workers - 1}
         * @param workers how many share the work
         * @param frame this worker's frame arena, inside a frame
         */
        void run(int worker, int workers, FrameArena frame);
    }

    private final EngineMemory mem;
    private final int size;
    private final Thread[] threads;
    private final FrameBarrier barrier;
    private volatile Task task;
    private volatile long round;
    private volatile boolean closed;
    private volatile Throwable failure;

    FrameWorkers(EngineMemory mem, Diagnostics diagnostics, String name, int workers) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("frame workers must be in [1, 256]: " + workers);
        }
        this.mem = mem;
        this.size = workers;
        this.threads = new Thread[workers - 1];
        this.barrier = new FrameBarrier(diagnostics, Math.max(1, workers - 1));
        for (int i = 0; i < threads.length; i++) {
            int index = i + 1;
            threads[i] = new Thread(() -> loop(index), name + "-" + index);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /**
     * Runs {@code task} on every worker, the calling thread as worker 0, and waits until all have ended their frames.
     *
     * @param task the frame's work
     * @throws RuntimeException the first failure of any worker (the others still finish)
     */
    public void run(Task task) {
        if (closed) {
            throw new IllegalStateException("frame workers are closed");
        }
        if (size == 1) {
            task.run(0, 1, mem.frame());
            return;
        }
        this.failure = null;
        this.task = task;
        round = round + 1; // publishes the task
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        Throwable own = null;
        try {
            task.run(0, size, mem.frame());
        } catch (Throwable e) {
            own = e;
        }
        barrier.await();
        this.task = null;
        Throwable first = own != null ? own : failure;
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        } else if (first instanceof Error) {
            throw (Error) first;
        }
    }

    private void loop(int index) {
        FrameArena frame = mem.frame();
        long seen = 0;
        try {
            while (!closed) {
                long r = round;
                if (r == seen) {
                    LockSupport.park(this);
                    continue;
                }
                seen = r;
                Task t = task;
                // Whatever throws (the task, or begin/end in strict mode: a phase left open, an overrun), the worker
                // still arrives: the caller waits at the barrier for every worker, and rethrows the failure.
                try {
                    frame.begin();
                    try {
                        t.run(index, size, frame);
                    } finally {
                        if (frame.inFrame()) {
                            frame.end();
                        }
                    }
                } catch (Throwable e) {
                    fail(e);
                }
                try {
                    barrier.arrive(frame); // counts down even when strict mode throws its EM014
                } catch (Throwable e) {
                    fail(e);
                }
            }
        } finally {
            frame.release();
        }
    }

    /** Keeps a worker's failure for {@link #run} to rethrow, the first of the round. */
    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** @return workers, the calling thread included */
    public int size() {
        return size;
    }

    /** @return how long the caller waited for the other workers at the last {@link #run}, in nanoseconds */
    public long lastWaitNanos() {
        return barrier.lastWaitNanos();
    }

    /** Stops the threads (each releases its frame arena). */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
