package dev.burrow.dungeon.cli;

/** A user mistake on the command line or in an input file: printed as one line, exit code {@link ExitCode}. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** @param message one line naming the flag (or file:line) and what is wrong */
    public UsageException(String message) {
        this(message, ExitCode.USAGE);
    }

    /** @param message one line @param exitCode one of {@link ExitCode} */
    public UsageException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** @return the process exit code for this mistake */
    public int exitCode() {
        return exitCode;
    }
}
