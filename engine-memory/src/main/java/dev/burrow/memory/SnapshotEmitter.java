package dev.burrow.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the engine's snapshot as JSON to a folder at a bounded rate, for offline tools ({@code stress diff}, a
 * script, a dashboard): {@link EngineMemory#emitSnapshots}. A daemon thread of its own takes the snapshots and writes
 * the files, so the game's threads pay nothing. At most {@code keep} files stay: the oldest {@code burrow-snapshot-*}
 * file goes when a new one is written. Each file is written to a temporary name and moved into place, so a reader
 * never sees half a file. Names sort by time: {@code burrow-snapshot-2026-11-23T10-15-02.123.json}.
 *
 * <p>A write that fails (disk full, folder removed) stops the emitter; {@link #failure()} says why.</p>
 */
public final class SnapshotEmitter implements AutoCloseable {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS");
    private static final String PREFIX = "burrow-snapshot-";

    private final EngineMemory engine;
    private final Path dir;
    private final long everyNanos;
    private final int keep;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile IOException failure;
    private volatile long written;

    SnapshotEmitter(EngineMemory engine, Path dir, long everyMillis, int keep) {
        if (everyMillis < 10) {
            throw new IllegalArgumentException("snapshot interval must be at least 10 ms: " + everyMillis);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one snapshot file: " + keep);
        }
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new IOException("not writable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshots to " + dir + ": " + e.getMessage(), e);
        }
        this.engine = engine;
        this.dir = dir;
        this.everyNanos = everyMillis * 1_000_000L;
        this.keep = keep;
        this.thread = new Thread(this::loop, "burrow-snapshots");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        MemorySnapshot snap = new MemorySnapshot();
        while (!stopped && !engine.isClosed()) {
            try {
                writeOne(engine.snapshot(snap));
            } catch (IOException e) {
                failure = e;
                return;
            }
            LockSupport.parkNanos(this, everyNanos);
        }
    }

    private void writeOne(MemorySnapshot snap) throws IOException {
        String name = PREFIX + LocalDateTime.now().format(NAME) + ".json";
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, snap.toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written++;
        prune();
    }

    private void prune() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*.json")) {
            ds.forEach(files::add);
        }
        if (files.size() <= keep) {
            return;
        }
        files.sort(null); // names sort by time
        for (int i = 0; i < files.size() - keep; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** @return snapshot files written so far */
    public long written() {
        return written;
    }

    /** @return why the emitter stopped, or null while it runs */
    public IOException failure() {
        return failure;
    }

    /** @return the folder it writes to */
    public Path folder() {
        return dir;
    }

    /** Stops the thread (a last snapshot is not written). */
    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
