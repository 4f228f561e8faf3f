package dev.burrow.memory;

/**
 * A call on an {@link EngineMemory} after {@link EngineMemory#close()} ({@code EM604}): refused in every mode. It is an
 * {@link IllegalStateException}, as the refusal always was; {@link #code()} names the diagnostic, as
 * {@link MemoryDiagnosticException#code()} does for the others.
 */
public final class EngineClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message the full diagnostic message, starting with {@code [EM604]} */
    public EngineClosedException(String message) {
        super(message);
    }

    /** @return {@link DiagnosticCode#EM604} */
    public DiagnosticCode code() {
        return DiagnosticCode.EM604;
    }
}
