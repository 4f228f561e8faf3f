package dev.burrow.stress.report;

import java.io.PrintStream;

/**
 * A progress bar redrawn in place on a terminal; otherwise (CI logs, pipes) a plain line every 10% and at least every
 * {@value #QUIET_SECONDS} s, so a long run never looks hung.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean tty;
    private final long total;
    private final String what;
    private int lastDecile = -1;
    private long lastLine = System.nanoTime();
    static final int QUIET_SECONDS = 30;

    /** @param out where @param total steps @param what noun for the steps */
    public Progress(PrintStream out, long total, String what) {
        this.out = out;
        this.tty = System.console() != null && System.getenv("CI") == null;
        this.total = Math.max(1, total);
        this.what = what;
    }

    /** Progress of a regen cycle: the status text is built only when something is printed. */
    public void update(long done, long seed, double ms, long drift) {
        if (tty || (int) (done * 10 / total) != lastDecile || due()) {
            update(done, String.format(java.util.Locale.ROOT, "seed %d  gen %.2f ms  drift %d B", seed, ms, drift));
        }
    }

    /** @param done steps done @param note a short status */
    public void update(long done, String note) {
        if (tty) {
            int width = 30;
            int filled = (int) (done * width / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " " + what + "  " + note + "   ");
            if (done == total) {
                out.println();
            }
            out.flush();
        } else {
            int decile = (int) (done * 10 / total);
            if (decile != lastDecile || due()) {
                lastDecile = decile;
                lastLine = System.nanoTime();
                out.println(done + "/" + total + " " + what + "  " + note);
            }
        }
    }

    private boolean due() {
        return System.nanoTime() - lastLine > QUIET_SECONDS * 1_000_000_000L;
    }
}
