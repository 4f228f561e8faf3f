package dev.burrow.stress;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.OutputFolders;
import dev.burrow.dungeon.cli.UsageException;

import java.nio.file.Files;
import java.nio.file.Path;

/** The report directory: created and proved writable before a run starts, so a bad path fails in one line at once. */
final class ReportDir {
    private ReportDir() {
    }

    /**
     * @param files the files the run writes there: one that is a folder fails now, not after the run
     */
    static Path prepare(String dir, String flag, String... files) {
        Path p = OutputFolders.prove("--" + flag, dir);
        for (String f : files) {
            if (Files.isDirectory(p.resolve(f))) {
                throw new UsageException("--" + flag + ": '" + p.resolve(f) + "' is a folder, where the run writes its " + f,
                    ExitCode.IO);
            }
        }
        return p;
    }
}
