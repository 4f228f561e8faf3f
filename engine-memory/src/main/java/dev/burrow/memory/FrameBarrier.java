package dev.burrow.memory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Where worker threads, each with its own {@link FrameArena}, end a frame together with the thread that coordinates
 * them: each worker ends its frame and {@link #arrive arrives}; the coordinator {@link #await awaits} all of them, then
 * the next frame may begin. A worker that arrives while still inside its frame is diagnosed ({@code EM014}): its frame
 * memory would outlive the frame the coordinator thinks is over. Make one with {@link EngineMemory#frameBarrier}.
 *
 * <p>Cost: one atomic decrement per arrival; the coordinator spins briefly ({@value #SPINS} spin-waits) and then
 * parks until the last arrival unparks it. No Java heap is allocated. {@link #lastWaitNanos()} says how long the
 * coordinator waited at the last {@code await}.</p>
 */
public final class FrameBarrier {
    static final int SPINS = 2000;

    private final Diagnostics diagnostics;
    private final int parties;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Thread coordinator;
    private long lastWaitNanos;
    private long rounds;

    FrameBarrier(Diagnostics diagnostics, int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a frame barrier needs at least one worker: " + parties);
        }
        this.diagnostics = diagnostics;
        this.parties = parties;
        this.remaining.set(parties);
    }

    /**
     * A worker is done with the frame. Call it after the worker's {@code frame.end()}.
     *
     * @param workerFrame the worker's arena, checked to be outside a frame
     */
    public void arrive(FrameArena workerFrame) {
        if (workerFrame != null && workerFrame.inFrame()) {
            try {
                diagnostics.report(DiagnosticCode.EM014, "worker thread \"" + workerFrame.threadName()
                    + "\" arrived at the frame barrier inside frame " + workerFrame.frameNumber() + " of its arena", null,
                    "barrier" + workerFrame.threadName());
            } finally {
                countDown();
            }
            return;
        }
        countDown();
    }

    private void countDown() {
        if (remaining.decrementAndGet() == 0) {
            Thread c = coordinator;
            if (c != null) {
                LockSupport.unpark(c);
            }
        }
    }

    /** The coordinating thread waits until every worker arrived, then resets the barrier for the next frame. */
    public void await() {
        long start = System.nanoTime();
        coordinator = Thread.currentThread();
        for (int i = 0; remaining.get() > 0; i++) {
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
        coordinator = null;
        remaining.set(parties);
        rounds++;
        lastWaitNanos = System.nanoTime() - start;
    }

    /** @return workers the barrier waits for */
    public int parties() {
        return parties;
    }

    /** @return how long the coordinator waited at the last {@link #await()}, in nanoseconds */
    public long lastWaitNanos() {
        return lastWaitNanos;
    }

    /** @return frames the barrier has ended */
    public long rounds() {
        return rounds;
    }
}
