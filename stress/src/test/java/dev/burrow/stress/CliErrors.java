package dev.burrow.stress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a stress command line that must fail and checks its error is one line; for bad flags, that it names the flag. */
final class CliErrors {
    private CliErrors() {
    }

    /**
     * Runs a command line whose fault is a flag: the error must be one line naming that flag, the last {@code --flag}
     * of the line (without any {@code =value}).
     *
     * @return the exit code
     */
    static int run(String... args) {
        String flag = null;
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                flag = eq < 0 ? a : a.substring(0, eq);
            }
        }
        String[] r = runAny(args);
        assertTrue(flag != null && r[1].contains(flag), "names the flag " + flag + ": " + r[1]);
        return Integer.parseInt(r[0]);
    }

    /** @return {exit code, the one error line} */
    static String[] runAny(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            int code = Main.run(args);
            String msg = buf.toString().trim();
            assertTrue(msg.startsWith("error: ") && !msg.contains("\n"), "one line: " + msg);
            return new String[] {Integer.toString(code), msg};
        } finally {
            System.setErr(err);
        }
    }
}
