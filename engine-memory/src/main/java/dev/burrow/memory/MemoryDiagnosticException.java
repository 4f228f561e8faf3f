package dev.burrow.memory;

/** Thrown for an error diagnostic in strict mode. {@link #code()} says which one. */
public class MemoryDiagnosticException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The diagnostic that was raised. */
    private final DiagnosticCode code;

    /**
     * @param code the diagnostic
     * @param message the full diagnostic message, starting with {@code [EMxxx]}
     */
    public MemoryDiagnosticException(DiagnosticCode code, String message) {
        super(message);
        this.code = code;
    }

    /** @return the diagnostic code */
    public DiagnosticCode code() { return code; }
}
