package dev.burrow.stress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a stress run in a child JVM with a fixed, pre-touched Java heap ({@code -Xms} = {@code -Xmx},
 * {@code -XX:+AlwaysPreTouch}), as JMH forks its measurements. Without it, RSS climbs for thousands of cycles as
 * garbage lands on eden pages the process never touched before, and an RSS budget would measure the JVM's heap
 * sizing instead of leaks. {@code --no-fork} runs in this JVM.
 */
final class Fork {
    static final String CHILD = "burrow.stress.child";
    static final String HEAP = "256m";

    private Fork() {
    }

    static boolean inChild() {
        return System.getProperty(CHILD) != null;
    }

    /** @return the child's exit code */
    static int run(String[] args) throws IOException, InterruptedException {
        return run(args, new String[0]);
    }

    /**
     * @param jvmFlags extra flags for the child JVM
     * @return the child's exit code
     */
    static int run(String[] args, String[] jvmFlags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + HEAP);
        cmd.add("-Xmx" + HEAP);
        cmd.add("-XX:+AlwaysPreTouch");
        cmd.add("-XX:+UseSerialGC"); // no GC worker threads and their malloc arenas appearing mid-run
        cmd.add("-D" + CHILD + "=1");
        for (String f : jvmFlags) {
            cmd.add(f);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        for (String a : args) {
            cmd.add(a);
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        return p.waitFor();
    }
}
