package dev.burrow.memory;

/** How bad a {@link DiagnosticCode} is. Only {@link #ERROR} diagnostics throw in strict mode. */
public enum Severity {
    /** Worth knowing; nothing was refused (e.g. a soft budget crossed, a frame overflow spilled). */
    WARNING,
    /** A misuse: the operation was refused, or throws in strict mode. */
    ERROR
}
