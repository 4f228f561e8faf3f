package dev.burrow.stress;

import dev.burrow.dungeon.cli.ExitCode;
import dev.burrow.dungeon.cli.UsageException;
import dev.burrow.memory.MemorySnapshot;
import dev.burrow.memory.SnapshotDiff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code stress diff A.json B.json}: what changed between two snapshot files (from the overlay's button,
 * {@code EngineMemory.emitSnapshots}, or {@code engineAtEnd} of a stress report): per tag, pool and group, what
 * grew, shrank, appeared and went, and the native bytes. A file that cannot be read or is not a snapshot is one line
 * naming it, exit 3.
 */
final class Diff {
    /** Snapshot files are small; a bigger file is not one (and is not read whole into memory). */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final PrintStream out;

    Diff(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) {
        if (args.length != 3) {
            throw new UsageException("diff: give two snapshot files, e.g. stress diff before.json after.json");
        }
        Path a = Path.of(args[1]);
        Path b = Path.of(args[2]);
        MemorySnapshot before = read(a);
        MemorySnapshot after = read(b);
        if (before == null || after == null) {
            return ExitCode.BAD_ASSET;
        }
        SnapshotDiff d = SnapshotDiff.between(before, after);
        out.printf(Locale.ROOT, "%s -> %s: native %d -> %d bytes (%+d)%n", a.getFileName(), b.getFileName(),
            before.nativeBytes(), after.nativeBytes(), d.nativeDeltaBytes());
        out.print(d.describe());
        return ExitCode.OK;
    }

    private static MemorySnapshot read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                System.err.println("error: " + file + ": is a folder, not a snapshot file");
                return null;
            }
            if (!Files.isRegularFile(file)) {
                System.err.println("error: " + file + ": no such snapshot file");
                return null;
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                System.err.println("error: " + file + ": " + Files.size(file) + " bytes is not a snapshot (at most "
                    + MAX_FILE_BYTES + ")");
                return null;
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return MemorySnapshot.fromJson(text);
        } catch (CharacterCodingException e) {
            System.err.println("error: " + file + ": not UTF-8 text");
        } catch (IOException e) {
            System.err.println("error: " + file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + file + ": " + e.getMessage());
        }
        return null;
    }
}
