package dev.burrow.stress;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a stress run in a child JVM with a fixed, pre-touched Java heap ({@code -Xms} = {@code -Xmx},
 * {@code -XX:+AlwaysPreTouch}), as JMH forks its measurements. Without it, RSS climbs for thousands of cycles as
 * garbage lands on eden pages the process never touched before, and an RSS budget would measure the JVM's heap
 * sizing instead of leaks. {@code --no-fork} runs in this JVM.
 *
 * <p>The child gets this JVM's options (see {@link ForwardedOptions}), so {@code java -XX:StartFlightRecording=...
 * -jar stress.jar --regen} records the run itself: the child writes the recording, and this JVM, which only waits,
 * drops its own so that it cannot overwrite the child's file at exit.</p>
 *
 * <p>When this JVM is stopped (Ctrl-C, SIGTERM), it stops the child with SIGTERM and waits up to
 * {@link #STOP_SECONDS} for it, so the child's shutdown hooks run (an interrupted {@code --regen} removes its part
 * files) and no run goes on alone.</p>
 */
final class Fork {
    static final String CHILD = "burrow.stress.child";
    static final String HEAP = "256m";

    private Fork() {
    }

    static boolean inChild() {
        return System.getProperty(CHILD) != null;
    }

    /**
     * @param args the run's arguments
     * @param heapMiB the child's fixed heap in MiB
     * @param jvmFlags extra flags for the child JVM
     * @return the child's exit code
     */
    static int run(String[] args, long heapMiB, String... jvmFlags) throws IOException, InterruptedException {
        List<String> forwarded = ForwardedOptions.select(ManagementFactory.getRuntimeMXBean().getInputArguments(),
            System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(forwarded);
        cmd.add("-Xms" + heapMiB + "m");
        cmd.add("-Xmx" + heapMiB + "m");
        cmd.add("-XX:+AlwaysPreTouch");
        cmd.add("-XX:+UseSerialGC"); // no GC worker threads and their malloc arenas appearing mid-run
        cmd.add("-D" + CHILD + "=1");
        cmd.addAll(List.of(jvmFlags));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        if (ForwardedOptions.recordsJfr(forwarded)) {
            dropOwnRecordings();
            System.out.println("JFR: the measuring JVM records the run; its file is written when the run ends");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (System.console() != null) {
            // A terminal: the child draws its progress bar in place on it.
            pb.inheritIO();
        }
        Process p = pb.start();
        // Stopped itself (a signal to this JVM only, an IDE's stop button), this JVM stops the child too, or it would
        // run on alone and write its report after all; SIGTERM lets the child's shutdown hooks clean up.
        Thread stop = new Thread(() -> stop(p), "stress-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            if (System.console() != null) {
                return p.waitFor();
            }
            // Not a terminal (a pipe, CI, a test runner): the child's output goes through this JVM's System.out and
            // System.err, so whoever captured them (Surefire does) gets it, and nothing writes around them.
            Thread out = pump(p.getInputStream(), System.out);
            Thread err = pump(p.getErrorStream(), System.err);
            int code = p.waitFor();
            out.join();
            err.join();
            return code;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the child
            }
        }
    }

    /** Seconds a stopped child gets to remove its part files before it is killed. */
    static final int STOP_SECONDS = 10;

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void dropOwnRecordings() {
        if (FlightRecorder.isInitialized()) {
            for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                r.close();
            }
        }
    }

    private static Thread pump(InputStream from, PrintStream to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the child is gone; nothing more to copy
            }
        }, "fork-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
