package dev.burrow.dungeon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code dungeon-demo} in a child JVM (a window needs its own process and DISPLAY), capturing its output. */
final class Child {
    final int exit;
    final String out;

    private Child(int exit, String out) {
        this.exit = exit;
        this.out = out;
    }

    static Child run(String display, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(display, java.util.Map.of(), timeoutSeconds, args);
    }

    /** @param env extra environment variables for the child (e.g. BURROW_TRACE_FRAMES) */
    static Child run(String display, java.util.Map<String, String> env, long timeoutSeconds, String... args)
        throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        for (String a : args) {
            cmd.add(a);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (display == null) {
            pb.environment().remove("DISPLAY");
        } else {
            pb.environment().put("DISPLAY", display);
        }
        pb.environment().put("LIBGL_ALWAYS_SOFTWARE", "1");
        pb.environment().putAll(env);
        // Mesa complains on stderr without a runtime dir; give it a private one so outputs stay clean.
        java.nio.file.Path runtime = java.nio.file.Files.createTempDirectory("burrow-xdg");
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dungeon-demo " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Child(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }
}
