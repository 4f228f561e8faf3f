package dev.burrow.stress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs a stress command line in this JVM with its output captured, for tests that read what it printed. */
final class Captured {
    private Captured() {
    }

    /**
     * @param args the command line
     * @return {exit code, standard output, standard error trimmed}; a forked run's output arrives through them too
     */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = Main.run(args);
            return new String[] {Integer.toString(code), o.toString(), e.toString().trim()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
