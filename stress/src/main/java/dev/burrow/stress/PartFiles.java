package dev.burrow.stress;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A run's report files, written beside their names ({@code report.json.part} ...) and moved into place together at
 * the end, so the folder holds the previous report or this run's, never a mix of the two.
 *
 * <p>A run that stops early removes its part files: {@link #close()} on the way out of a failure, and a shutdown hook
 * on Ctrl-C or SIGTERM, where no {@code finally} runs (the JVM runs its hooks while the run's thread carries on, and
 * halts after them). Making a part file, moving them all and the clean-up hold one lock, so the hook never deletes
 * between two moves, and no part file is made after it has run.</p>
 */
final class PartFiles implements AutoCloseable {
    /** What writes a part file in one go. */
    interface Output {
        /** @param file the part file to write */
        void writeTo(Path file) throws IOException;
    }

    private final Path dir;
    private final String[] names;
    private final Thread hook = new Thread(this::cleanUp, "stress-report-cleanup");
    /** Moved into place, or cleaned up: no more part files. */
    private boolean done;

    /**
     * @param dir the report folder
     * @param names the report's files, in the order they are moved: the last says the others are this run's
     */
    PartFiles(Path dir, String... names) {
        this.dir = dir;
        this.names = names.clone();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return a writer on {@code name}'s part file, for a file streamed over the run */
    synchronized Writer writer(String name) throws IOException {
        refuseWhenDone();
        return Files.newBufferedWriter(part(name), StandardCharsets.UTF_8);
    }

    /** Writes {@code name}'s part file in one go. */
    synchronized void write(String name, Output output) throws IOException {
        refuseWhenDone();
        output.writeTo(part(name));
    }

    /** Moves every part file onto its name, in order. */
    synchronized void commit() throws IOException {
        refuseWhenDone();
        for (String f : names) {
            Files.move(part(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        done = true;
    }

    /** Deletes the part files a failed run left, and the hook. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running, or about to: it cleans up
        }
        cleanUp();
    }

    private synchronized void cleanUp() {
        done = true;
        for (String f : names) {
            try {
                Files.deleteIfExists(part(f));
            } catch (IOException e) {
                // best effort, and the others still go: a part file never replaces the report
            }
        }
    }

    private void refuseWhenDone() throws IOException {
        if (done) {
            throw new IOException("the run was stopped; the report in " + dir + " was left as it was");
        }
    }

    private Path part(String name) {
        return dir.resolve(name + ".part");
    }
}
