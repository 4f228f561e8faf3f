package dev.burrow.stress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a stress command line that must fail, checks its error is one line naming the flag, and returns the exit code. */
final class CliErrors {
    private CliErrors() {
    }

    static int run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            int code = Main.run(args);
            String msg = buf.toString().trim();
            assertTrue(msg.startsWith("error: ") && !msg.contains("\n"), "one line: " + msg);
            assertTrue(msg.contains("--"), "names the flag: " + msg);
            return code;
        } finally {
            System.setErr(err);
        }
    }
}
