package dev.burrow.stress;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.dungeon.gen.AssetException;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stress's command line, fed arbitrary arguments (NUL-separated in the corpus files, as a real command line cannot
 * hold NUL): parsing the {@code --regen} and {@code --arena} runs throws only {@link UsageException} (exit 2, or 6 for
 * an unwritable report folder) naming the flag, or {@link AssetException} for {@code --assets}; {@code Main.run}
 * answers a command line that names no run with one {@code error:} line or the usage. The runs themselves (forked
 * JVMs, JMH) are not started: {@code --report} always points into a temporary folder, so the fuzzer creates no
 * folders elsewhere (its own {@code --report} is then "given twice"). Regression inputs:
 * src/test/resources/dev/burrow/stress/CliFuzzTestInputs/&lt;method&gt;/.
 */
class CliFuzzTest {
    private static final List<String> RUNS = List.of("--regen", "--arena", "--bench-report", "--bench");

    @TempDir
    static Path reports;

    @FuzzTest(maxDuration = "5m")
    void runArguments(byte[] input) {
        String[] fuzzed = argv(input);
        String[] argv = new String[fuzzed.length + 2];
        argv[0] = "--report";
        argv[1] = reports.resolve("r").toString();
        System.arraycopy(fuzzed, 0, argv, 2, fuzzed.length);
        try {
            new RegenRun(new PrintStream(new ByteArrayOutputStream(), true)).parse(argv);
        } catch (UsageException e) {
            assertUsage(e);
        } catch (AssetException e) {
            assertOneLine(e.getMessage());
        }
        try {
            new ArenaRun(new PrintStream(new ByteArrayOutputStream(), true)).parse(argv);
        } catch (UsageException e) {
            assertUsage(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void mainWithoutARun(byte[] input) {
        String[] argv = argv(input);
        if (Arrays.stream(argv).anyMatch(RUNS::contains)) {
            return; // would start a run: covered by runArguments' parsing
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run(argv);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String error = e.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("INFO: ")) // Jazzer's agent
            .collect(Collectors.joining("\n"));
        if (argv.length == 0 || Arrays.asList(argv).contains("--help")) {
            assertTrue(o.toString(StandardCharsets.UTF_8).startsWith("usage: stress"), "usage printed");
            return;
        }
        assertEquals(ExitCode.USAGE, code, Arrays.toString(argv));
        assertTrue(error.startsWith("error: stress: say which run"), error);
        assertOneLine(error);
    }

    private static void assertUsage(UsageException e) {
        assertOneLine(e.getMessage());
        assertTrue(e.exitCode() == ExitCode.USAGE || e.exitCode() == ExitCode.IO, "exit " + e.exitCode() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("--") || e.getMessage().contains("unexpected argument"), "names the flag: " + e.getMessage());
    }

    private static void assertOneLine(String message) {
        assertTrue(message != null && !message.isBlank(), "an error says something");
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
    }

    private static String[] argv(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\0", -1);
    }
}
