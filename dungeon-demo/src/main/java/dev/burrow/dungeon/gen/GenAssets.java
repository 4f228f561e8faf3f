package dev.burrow.dungeon.gen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The generator's data: vault prefabs, population tables and depth themes. Loaded from the jar's {@code assets/}
 * (vaults listed in {@code assets/vaults/vaults.list}) or from a directory laid out like {@code assets/} (which may
 * leave out {@code config/themes.conf}: the built-in themes are used then). Vaults are bound to the population
 * tables they load with, so a vault naming a monster the tables lack fails here, with its file and line.
 * Immutable; share it.
 */
public final class GenAssets {
    private final List<Vault> vaults;
    private final Population population;
    private final List<Theme> themes;
    private final Theme[] themeArray; // per-frame lookups: an array load, not an interface call

    GenAssets(List<Vault> vaults, Population population, List<Theme> themes) {
        List<Vault> bound = new ArrayList<>(vaults.size());
        for (Vault v : vaults) {
            bound.add(v.resolve(population));
        }
        this.vaults = List.copyOf(bound);
        this.population = population;
        this.themes = List.copyOf(themes);
        this.themeArray = themes.toArray(new Theme[0]);
    }

    /** @param i an index into {@link #themes()} @return that theme */
    public Theme theme(int i) { return themeArray[i]; }

    /** @return the vaults */
    public List<Vault> vaults() { return vaults; }

    /** @return the population tables */
    public Population population() { return population; }

    /** @return the depth themes */
    public List<Theme> themes() { return themes; }

    private static volatile GenAssets builtIn;

    /**
     * @return the assets shipped in the jar (parsed once)
     * @throws AssetException when a shipped file is malformed
     */
    public static GenAssets builtIn() {
        GenAssets a = builtIn;
        if (a == null) {
            synchronized (GenAssets.class) {
                if (builtIn == null) {
                    builtIn = loadClasspath();
                }
                a = builtIn;
            }
        }
        return a;
    }

    private static GenAssets loadClasspath() {
        List<Vault> vaults = new ArrayList<>();
        for (String name : resourceLines("assets/vaults/vaults.list")) {
            String n = name.trim();
            if (!n.isEmpty() && !n.startsWith("#")) {
                String path = "assets/vaults/" + n;
                vaults.add(VaultLoader.parse(path, resourceLines(path)));
            }
        }
        String conf = "assets/config/population.conf";
        String themes = "assets/config/themes.conf";
        return new GenAssets(vaults, Population.parse(conf, resourceLines(conf)), ThemeLoader.parse(themes, resourceLines(themes)));
    }

    /**
     * @param dir an assets directory, or null for the built-in assets
     * @return the assets
     * @throws AssetException naming file and line for a malformed file, or the missing file
     */
    public static GenAssets from(String dir) {
        if (dir == null) {
            return builtIn();
        }
        Path p = Path.of(dir);
        if (!Files.isDirectory(p)) {
            throw new AssetException(dir, 0, "not a directory (expected an assets folder with vaults/ and config/)");
        }
        return load(p);
    }

    /**
     * Loads {@code dir/vaults/*.vault}, {@code dir/config/population.conf} and {@code dir/config/themes.conf} (when
     * absent, the built-in themes).
     *
     * @param dir an assets directory
     * @return the assets
     * @throws AssetException naming file and line for a malformed file, or the missing file
     */
    public static GenAssets load(Path dir) {
        List<Vault> vaults = new ArrayList<>();
        Path vd = dir.resolve("vaults");
        Path list = vd.resolve("vaults.list");
        if (Files.isRegularFile(list)) {
            // As the jar's: the list names the vaults and their order (the order draws the levels of a seed)
            List<String> names = read(list);
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i).trim();
                if (n.isEmpty() || n.startsWith("#")) {
                    continue;
                }
                Path p = vd.resolve(n);
                if (n.contains("/") || n.contains("\\") || !Files.isRegularFile(p)) {
                    throw new AssetException(list.toString(), i + 1, "no vault file '" + n + "' in " + vd);
                }
                vaults.add(VaultLoader.parse(p.toString(), read(p)));
            }
        } else if (Files.isDirectory(vd)) {
            try (Stream<Path> files = Files.list(vd)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".vault")).sorted().toList()) {
                    if (!Files.isRegularFile(p)) {
                        throw new AssetException(p.toString(), 0, "not a regular file");
                    }
                    vaults.add(VaultLoader.parse(p.toString(), read(p)));
                }
            } catch (IOException e) {
                throw new AssetException(vd.toString(), 0, "cannot list: " + e.getMessage());
            }
        }
        Path conf = dir.resolve("config").resolve("population.conf");
        if (!Files.isRegularFile(conf)) {
            throw new AssetException(conf.toString(), 0, "missing population table");
        }
        Path themes = dir.resolve("config").resolve("themes.conf");
        List<Theme> t = Files.isRegularFile(themes) ? ThemeLoader.parse(themes.toString(), read(themes)) : builtIn().themes();
        return new GenAssets(vaults, Population.parse(conf.toString(), read(conf)), t);
    }

    /** The largest asset file read: the shipped ones are a few KiB; a bigger file is a mistake, not a level. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    /** The longest line read, in bytes: a vault map is at most 60 wide, a population row well under 200. */
    public static final int MAX_LINE_BYTES = 4096;

    /**
     * Reads a user's asset file line by line within {@link #MAX_FILE_BYTES} and {@link #MAX_LINE_BYTES}, so a huge
     * or binary file is a {@code file:line} error instead of an OutOfMemoryError. Lines end at LF (a CR before it
     * is dropped); each is decoded on its own, so bad UTF-8 is reported at its line.
     */
    private static List<String> read(Path p) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long total = 0;
            for (int b; (b = in.read()) >= 0; ) {
                if (++total > MAX_FILE_BYTES) {
                    throw new AssetException(p.toString(), lines.size() + 1, "file is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB, the limit for asset files");
                }
                if (b == '\n') {
                    lines.add(decode(p, lines.size() + 1, line));
                    line.reset();
                } else if (line.size() == MAX_LINE_BYTES) {
                    throw new AssetException(p.toString(), lines.size() + 1, "line is longer than " + MAX_LINE_BYTES
                        + " bytes, the limit for asset files (a binary file?)");
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                lines.add(decode(p, lines.size() + 1, line));
            }
        } catch (IOException e) {
            throw new AssetException(p.toString(), 0, "cannot read (" + dev.burrow.dungeon.cli.FileErrors.why(e) + ")");
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // a byte-order mark some editors write: not part of the text
        }
        return lines;
    }

    private static String decode(Path p, int lineNo, ByteArrayOutputStream bytes) {
        byte[] b = bytes.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new AssetException(p.toString(), lineNo, "not UTF-8 text");
        }
    }

    private static List<String> resourceLines(String path) {
        InputStream in = GenAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new AssetException(path, 0, "missing from the jar");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        } catch (IOException e) {
            throw new AssetException(path, 0, "cannot read: " + e.getMessage());
        }
        return lines;
    }
}
