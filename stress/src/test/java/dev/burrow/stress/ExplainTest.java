package dev.burrow.stress;

import dev.burrow.memory.DiagnosticCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code stress explain}: every code explained from the catalogue; bad codes are one line and exit 2. */
class ExplainTest {

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, new Explain(new PrintStream(bytes, true)).run(args));
        return bytes.toString();
    }

    @Test
    void everyCodeIsExplainedWithItsExampleAndFix() {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            String text = run("explain", c.name().toLowerCase());
            assertTrue(text.startsWith(c.name() + " ("), text);
            assertTrue(text.contains(c.meaning()), text);
            assertTrue(text.contains("fix: " + c.fix()), text);
            assertTrue(text.contains(c.example().split("\n")[0]), text);
        }
        assertTrue(run("explain", "101").startsWith("EM101 (error): double free"));
    }

    @Test
    void codesThatAlwaysThrowSaySoAndTheOthersNameTheStrictSwitch() {
        assertTrue(run("explain", "EM604").contains("thrown as EngineClosedException (an IllegalStateException) in every mode"));
        assertTrue(run("explain", "EM015").contains("thrown as MemoryDiagnosticException in every mode"));
        assertTrue(run("explain", "EM502").contains("thrown as MemoryBudgetExceededException"));
        String quiet = run("explain", "EM101");
        assertTrue(quiet.contains("refused (0, or ignored) and counted; with BURROW_STRICT=1 it throws"), quiet);
        assertFalse(quiet.contains("in every mode"), quiet);
    }

    @Test
    void withoutACodeItListsThemAll() {
        String text = run("explain");
        for (DiagnosticCode c : DiagnosticCode.values()) {
            assertTrue(text.contains(c.name() + "  "), c.name());
        }
    }

    @Test
    void anUnknownCodeIsOneLineAndExit2() {
        String[] r = CliErrors.runAny("explain", "EM999");
        assertEquals("2", r[0]);
        assertEquals("error: explain: no diagnostic code 'EM999' (stress explain lists them)", r[1]);
        r = CliErrors.runAny("explain", "EM101", "EM102");
        assertEquals("2", r[0]);
    }
}
