package dev.burrow.dungeon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output folders proved before a run starts, so a bad one fails in one line at once, not after the work. */
public final class OutputFolders {
    private OutputFolders() {
    }

    /**
     * Makes {@code dir} (and its parents) and proves a file can be written there.
     *
     * @param what how errors name the folder's flag, e.g. {@code --report} or {@code dungeon-demo play: --morgue}
     * @param dir the folder as the user gave it
     * @return the folder
     * @throws UsageException an empty name ({@link ExitCode#USAGE}), or a folder that cannot be made or written, a
     *         file in the way or no permission ({@link ExitCode#IO})
     */
    public static Path prove(String what, String dir) {
        if (dir.isBlank()) {
            throw new UsageException(what + " needs a folder name, got an empty one", ExitCode.USAGE);
        }
        Path p = Path.of(dir);
        try {
            Files.createDirectories(p);
            Files.delete(Files.createTempFile(p, ".burrow", ".probe"));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new UsageException(what + ": cannot write to '" + dir + "' (" + FileErrors.why(e) + ")", ExitCode.IO);
        }
        return p;
    }
}
