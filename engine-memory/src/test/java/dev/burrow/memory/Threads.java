package dev.burrow.memory;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a step on a thread of its own, for misuse from a thread that does not own what it touches. */
final class Threads {
    private Threads() {
    }

    /** @return what {@code r} threw on a new thread named {@code name}, after it ended; null when nothing */
    static Throwable thrownOn(String name, Runnable r) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return thrown.get();
    }

    /** Runs {@code r} on a new thread named {@code name}; what it threw is thrown here (strict-mode refusals as they are). */
    static void rethrownFrom(String name, Runnable r) {
        Throwable e = thrownOn(name, r);
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        } else if (e != null) {
            throw new AssertionError(e);
        }
    }
}
