package dev.burrow.stress;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report directory: created and proved writable before a run starts, so a bad path fails in one line at once. */
final class ReportDir {
    private ReportDir() {
    }

    static Path prepare(String dir, String flag) {
        Path p = Path.of(dir);
        try {
            Files.createDirectories(p);
            Path probe = Files.createTempFile(p, ".burrow", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new UsageException("--" + flag + ": cannot write to '" + dir + "' (" + e.getClass().getSimpleName()
                + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")", ExitCode.IO);
        }
        return p;
    }
}
