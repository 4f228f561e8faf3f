package dev.burrow.dungeon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.burrow.dungeon.Main;
import dev.burrow.dungeon.cli.Args;
import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.burrow.dungeon.fuzz.FuzzInput.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dungeon-demo's command line, fed arbitrary arguments (NUL-separated in the corpus files): the parser throws only
 * {@link UsageException}, one line naming the flag or the stray word; {@code Main.run} of the headless {@code ascii}
 * command ends in 0 or a documented exit code with one {@code error:} line, never a stack trace. {@code play} and
 * {@code arena} share the parser but open a window after it, so only the parser covers them here. Regression
 * inputs: src/test/resources/dev/burrow/dungeon/fuzz/CliFuzzTestInputs/&lt;method&gt;/.
 */
class CliFuzzTest {
    /** Sizes above this are skipped (not failed): a 1024x1024 level takes seconds, which starves the fuzzer. */
    private static final long MAX_FUZZED_SIDE = 200;
    private static final Pattern SIZE = Pattern.compile("([+-]?\\d+)x([+-]?\\d+)", Pattern.UNICODE_CHARACTER_CLASS);

    @FuzzTest(maxDuration = "5m")
    void argsParser(byte[] input) {
        String[] argv = FuzzInput.argv(input);
        Args a = new Args("dungeon-demo fuzz").value("seed").value("depth").value("size").value("assets")
            .value("frames").value("script").value("screenshot").flag("no-overlay");
        try {
            a.parse(argv);
            a.seed("seed", 1);
            a.number("depth", 1, 1, 1000);
            a.size("size", 80, 50, 20, 1024);
            a.number("frames", 0, 0, 10_000_000);
            a.string("assets", null);
            a.has("no-overlay");
        } catch (UsageException e) {
            assertOneLine(e.getMessage());
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("dungeon-demo fuzz: "), e.getMessage());
            assertTrue(e.getMessage().contains("--") || e.getMessage().contains("unexpected argument"), "names the flag: " + e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void asciiCommand(byte[] input) {
        String[] flags = FuzzInput.argv(input);
        if (tooBig(flags)) {
            return;
        }
        String[] argv = new String[flags.length + 1];
        argv[0] = "ascii";
        System.arraycopy(flags, 0, argv, 1, flags.length);
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
        // Jazzer's agent logs classes it instruments ("INFO: ...") to the same stderr: not the program's output.
        String error = e.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("INFO: "))
            .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        if (code == ExitCode.OK) {
            assertTrue(error.isEmpty(), "nothing on stderr when it worked: " + error);
            return;
        }
        assertTrue(Arrays.asList(ExitCode.FAILED, ExitCode.USAGE, ExitCode.BAD_ASSET, ExitCode.OUT_OF_MEMORY).contains(code),
            "exit " + code + " for " + Arrays.toString(argv));
        if (code == ExitCode.FAILED && error.isEmpty()) {
            return; // the level printed "valid: NO": a result, not an error
        }
        assertTrue(error.startsWith("error: ") && error.endsWith("\n"), error);
        assertOneLine(error.substring(0, error.length() - 1));
    }

    private static boolean tooBig(String[] args) {
        for (String a : args) {
            Matcher m = SIZE.matcher(a.replaceAll("\\s", "").toLowerCase(java.util.Locale.ROOT));
            while (m.find()) {
                if (side(m.group(1)) > MAX_FUZZED_SIDE || side(m.group(2)) > MAX_FUZZED_SIDE) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long side(String digits) {
        try {
            return Math.abs(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
