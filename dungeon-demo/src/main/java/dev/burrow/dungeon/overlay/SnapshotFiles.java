package dev.burrow.dungeon.overlay;

import dev.burrow.memory.MemorySnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Snapshot files in a folder: saved as {@code burrow-snapshot-2026-11-23T10-15-02.json} (local time, sortable,
 * no characters a file system refuses), listed newest first, read back with one clear message for anything wrong.
 * Button handlers only: these allocate, never per frame.
 */
public final class SnapshotFiles {
    static final String PREFIX = "burrow-snapshot-";
    static final String SUFFIX = ".json";
    /** Snapshots are a few KiB; anything this large is not one, and is not read into memory. */
    static final long MAX_BYTES = 16L << 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private final Path dir;

    /** @param dir the folder (the working directory in the game) */
    public SnapshotFiles(Path dir) {
        this.dir = dir;
    }

    /** @return the folder */
    Path dir() {
        return dir;
    }

    /** @return the file name for a snapshot taken at {@code time} */
    static String name(LocalDateTime time) {
        return PREFIX + STAMP.format(time) + SUFFIX;
    }

    /**
     * Writes a snapshot; a second one in the same second gets "-2", "-3" ...
     *
     * @return the path written
     * @throws IOException when it cannot be written
     */
    public Path save(MemorySnapshot snap, LocalDateTime time) throws IOException {
        String base = name(time);
        Path p = dir.resolve(base);
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(base.substring(0, base.length() - SUFFIX.length()) + "-" + i + SUFFIX);
        }
        Files.writeString(p, snap.toJson(), StandardCharsets.UTF_8);
        return p;
    }

    /** @return snapshot file names in the folder, newest first (the names sort by time); empty when none or unreadable */
    List<String> list() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    names.add(f.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            return names;
        }
        names.sort(Comparator.reverseOrder());
        return names;
    }

    /**
     * @param name a file name in the folder
     * @return the snapshot
     * @throws IllegalArgumentException with one line naming the file and what is wrong with it
     */
    MemorySnapshot read(String name) {
        return read(dir.resolve(name), name);
    }

    /**
     * @param p a snapshot file anywhere
     * @return the snapshot
     * @throws IllegalArgumentException with one line naming the file and what is wrong with it
     */
    public static MemorySnapshot read(Path p) {
        return read(p, p.toString());
    }

    /** @param name how errors name the file: as the user gave it, or as the overlay lists it */
    private static MemorySnapshot read(Path p, String name) {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(name + ": is a folder, not a snapshot file");
        }
        try {
            long size = Files.size(p);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(name + ": " + (size >> 20) + " MiB is too large for a snapshot (they are a few KiB)");
            }
            return MemorySnapshot.fromJson(Files.readString(p, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            throw new IllegalArgumentException(name + ": not UTF-8 text (a snapshot is JSON written by Burrow)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read it (" + dev.burrow.dungeon.cli.FileErrors.why(e) + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e.getMessage());
        }
    }
}
