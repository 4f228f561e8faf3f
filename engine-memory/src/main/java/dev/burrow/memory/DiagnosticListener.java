package dev.burrow.memory;

/**
 * Receives every diagnostic of an {@link EngineMemory}, on the thread that made the mistake (or that closed the
 * engine). Set with {@link EngineMemory#diagnosticListener}: tests capture diagnostics with it and assert on them,
 * games forward them to their own log or console.
 */
@FunctionalInterface
public interface DiagnosticListener {
    /**
     * @param code the diagnostic code
     * @param message the full message, starting with {@code [EMxxx]}
     */
    void onDiagnostic(DiagnosticCode code, String message);
}
