package dev.burrow.stress;

import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.memory.DiagnosticCode;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code stress explain [CODE]}: what a diagnostic code means, a minimal piece of wrong code that raises it, and the
 * fix; without a code, the list. Everything comes from the one catalogue, {@link DiagnosticCode}.
 */
final class Explain {
    private final PrintStream out;

    Explain(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args {@code explain} and at most one code ({@code EM101}, {@code em101} or {@code 101})
     * @return the exit code
     */
    int run(String[] args) {
        if (args.length > 2) {
            throw new UsageException("explain: one code at most, e.g. stress explain EM101");
        }
        if (args.length == 1) {
            list();
            return 0;
        }
        DiagnosticCode code = parse(args[1]);
        out.println(code.name() + " (" + code.severity().name().toLowerCase(Locale.ROOT) + "): " + code.meaning());
        out.println();
        out.println("what raises it:");
        for (String line : code.example().split("\n")) {
            out.println("    " + line);
        }
        out.println();
        out.println("fix: " + code.fix());
        out.println();
        String thrown = alwaysThrown(code);
        out.println(thrown != null
            ? "an error: counted, and thrown as " + thrown + " in every mode"
            : code.severity() == dev.burrow.memory.Severity.ERROR
            ? "an error: the operation is refused (0, or ignored) and counted; with BURROW_STRICT=1 it throws MemoryDiagnosticException"
            : "a warning: counted and logged once; with BURROW_STRICT=warning it throws too");
        return 0;
    }

    /** @return the exception a code always arrives as, whatever the strict setting, or null when it is refused quietly */
    static String alwaysThrown(DiagnosticCode code) {
        switch (code) {
            case EM015:
            case EM106:
                return "MemoryDiagnosticException";
            case EM502:
                return "MemoryBudgetExceededException (memAlloc through the LWJGL allocator returns NULL instead, as malloc does)";
            case EM701:
                return "OutOfNativeMemoryException (memAlloc through the LWJGL allocator returns NULL instead, as malloc does)";
            case EM604:
                return "EngineClosedException (an IllegalStateException)";
            default:
                return null;
        }
    }

    private void list() {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            out.printf("%s  %-7s  %s%n", c.name(), c.severity().name().toLowerCase(Locale.ROOT), c.meaning());
        }
        out.println("stress explain CODE shows an example and the fix");
    }

    static DiagnosticCode parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("\\d{3}")) {
            t = "EM" + t;
        }
        for (DiagnosticCode c : DiagnosticCode.values()) {
            if (c.name().equals(t)) {
                return c;
            }
        }
        throw new UsageException("explain: no diagnostic code '" + text + "' (stress explain lists them)");
    }
}
