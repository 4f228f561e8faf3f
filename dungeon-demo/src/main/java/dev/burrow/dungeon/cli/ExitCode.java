package dev.burrow.dungeon.cli;

/** Process exit codes of {@code dungeon-demo} and {@code stress}, documented in the README. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The run finished but broke a budget or an invariant (stress failures, validation). */
    public static final int FAILED = 1;
    /** Bad command line: unknown flag, missing or malformed value, number out of range. */
    public static final int USAGE = 2;
    /** A malformed asset or config file ({@code file:line: what}). */
    public static final int BAD_ASSET = 3;
    /** Native memory ran out (or fault injection made it run out). */
    public static final int OUT_OF_MEMORY = 4;
    /** A window was asked for and no display could be opened. */
    public static final int NO_DISPLAY = 5;
    /** A report or screenshot could not be written. */
    public static final int IO = 6;

    private ExitCode() {
    }
}
