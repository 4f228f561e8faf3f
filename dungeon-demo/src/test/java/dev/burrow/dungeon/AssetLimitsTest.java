package dev.burrow.dungeon;

import dev.burrow.dungeon.gen.GenAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Huge and binary asset files: file:line, the limit named, exit 3, no OutOfMemoryError. */
class AssetLimitsTest {

    private static Path assets(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("vaults"));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("population.conf"), "[monsters]\nrat r 1-4 30 3 1-3 70 0 100 1 - a08060\n");
        return dir;
    }

    private static String[] ascii(Path assets) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        System.setErr(new PrintStream(e, true));
        try {
            int code = Main.run(new String[] {"ascii", "--seed", "1", "--depth", "1", "--assets", assets.toString()});
            return new String[] {Integer.toString(code), e.toString().trim()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aThreeGigabyteVaultIsOneLineAtItsFirstLine(@TempDir Path dir) throws IOException {
        Path a = assets(dir);
        Path huge = a.resolve("vaults").resolve("huge.vault");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB of NUL bytes, one endless line, almost nothing on disk
        }
        String[] r = ascii(a);
        assertEquals("3", r[0], r[1]);
        assertEquals("error: " + huge + ":1: line is longer than " + GenAssets.MAX_LINE_BYTES
            + " bytes, the limit for asset files (a binary file?)", r[1]);
    }

    @Test
    void aFileOfShortLinesPastTheLimitNamesTheLineWhereItCrossed(@TempDir Path dir) throws IOException {
        Path a = assets(dir);
        Path big = a.resolve("vaults").resolve("big.vault");
        String line = "# " + "x".repeat(97) + "\n"; // 100 bytes
        Files.writeString(big, line.repeat((int) (GenAssets.MAX_FILE_BYTES / 100) + 1));
        String[] r = ascii(a);
        assertEquals("3", r[0], r[1]);
        assertEquals("error: " + big + ":" + (GenAssets.MAX_FILE_BYTES / 100 + 1) + ": file is larger than 1 MiB,"
            + " the limit for asset files", r[1]);
    }

    @Test
    void invalidUtf8NamesTheLine(@TempDir Path dir) throws IOException {
        Path a = assets(dir);
        Path bad = a.resolve("vaults").resolve("bad.vault");
        Files.write(bad, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'x', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        String[] r = ascii(a);
        assertEquals("3", r[0], r[1]);
        assertEquals("error: " + bad + ":2: not UTF-8 text", r[1]);
    }

    @Test
    void windowsLineEndingsStillParse(@TempDir Path dir) throws IOException {
        Path a = assets(dir);
        Files.writeString(a.resolve("vaults").resolve("hut.vault"),
            "name: hut\r\ndepth: 1-9\r\nweight: 5\r\nmap:\r\n#####\r\n#...#\r\n##E##\r\nend\r\n");
        assertEquals("0", ascii(a)[0]);
    }
}
