package dev.burrow.dungeon.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code themes.conf}: blocks of {@code key: value} lines, each opened by {@code theme: NAME} and closed by
 * {@code end}. Only {@code theme}, {@code depth} and {@code weight} are required; every other key has the value of
 * the classic dungeon. Every depth from 1 to {@link #DEEPEST} must have a theme. Every error names {@code file:line}.
 *
 * <pre>
 * theme: flooded
 * depth: 3-99          # inclusive range
 * weight: 20           # relative chance among themes allowed at a depth
 * panel: 14-19         # BSP panels split until no side exceeds this (drawn once per level)
 * mazes: 8             # percent of panels that hold a maze
 * empty: 12            # percent of panels left as rock, for caves and vaults
 * shapes: rect 40, cross 12, circle 12, cave 12, pillared 12, nested 10
 * caves: 50            # percent chance that caves grow in the rock
 * grass: 35            # percent of floor seeded with grass
 * streamers: 0-2       # rivers, seams and chasms across the level
 * kinds: river 25, lava 25, chasm 25, rubble 25, lake 0, lavalake 0
 * torches: 100         # percent of the usual number of torches
 * vaults: 1-2          # prefabs per level (bigger maps get more)
 * walls: 9a8a72        # wall colour
 * floor: 6a6a6a        # floor colour
 * end
 * </pre>
 */
public final class ThemeLoader {
    /** Depths a theme set must cover. */
    public static final int DEEPEST = 99;
    private static final String KEYS = "theme, depth, weight, panel, mazes, empty, shapes, caves, grass, streamers, kinds,"
        + " torches, vaults, walls, floor, end";

    private ThemeLoader() {
    }

    /** A block being read, with the classic dungeon's values until a key says otherwise. */
    static final class Block {
        /** Each key given so far, with its line: a key given twice is a mistake, not an override. */
        final java.util.Map<String, Integer> given = new java.util.HashMap<>();
        String file;
        int line;
        String name;
        int[] depth;
        int weight = -1;
        int[] panel = {14, 19};
        int mazes = 8;
        int empty = 12;
        int[] shapes = {40, 12, 12, 12, 12, 10};
        int caves = 50;
        int grass = 35;
        int[] streamerCount = {0, 2};
        int[] streamers = {25, 25, 25, 25, 0, 0};
        int torches = 100;
        int[] vaults = {1, 2};
        int walls = 0x9a8a72;
        int floor = 0x6a6a6a;
    }

    /**
     * @param file for errors
     * @param lines the file
     * @return the themes in file order
     * @throws AssetException naming file and line
     */
    public static List<Theme> parse(String file, List<String> lines) {
        List<Theme> themes = new ArrayList<>();
        Block b = null;
        for (int i = 0; i < lines.size(); i++) {
            int no = i + 1;
            String line = strip(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("end")) {
                if (b == null) {
                    throw new AssetException(file, no, "'end' without a 'theme:' block");
                }
                themes.add(finish(b, no));
                b = null;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new AssetException(file, no, "expected 'key: value', got '" + line + "'");
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String v = line.substring(colon + 1).trim();
            if (key.equals("theme")) {
                if (b != null) {
                    throw new AssetException(file, no, "theme '" + b.name + "' (line " + b.line + ") has no 'end' before this one");
                }
                if (v.isEmpty()) {
                    throw new AssetException(file, no, "theme name is empty");
                }
                for (Theme t : themes) {
                    if (t.name.equals(v)) {
                        throw new AssetException(file, no, "theme '" + v + "' is defined twice (first at line " + t.line + ")");
                    }
                }
                b = new Block();
                b.file = file;
                b.line = no;
                b.name = v;
                continue;
            }
            if (b == null) {
                throw new AssetException(file, no, "'" + key + ":' outside a block (start one with 'theme: NAME')");
            }
            Integer first = b.given.putIfAbsent(key, no);
            if (first != null) {
                throw new AssetException(file, no, "'" + key + ":' given twice in theme '" + b.name + "' (first at line " + first + ")");
            }
            set(b, file, no, key, v);
        }
        if (b != null) {
            throw new AssetException(file, lines.size(), "theme '" + b.name + "' has no closing 'end' line (truncated file?)");
        }
        if (themes.isEmpty()) {
            throw new AssetException(file, 0, "no themes (a block starts with 'theme: NAME' and ends with 'end')");
        }
        for (int d = 1; d <= DEEPEST; d++) {
            boolean covered = false;
            for (Theme t : themes) {
                covered |= t.allowedAt(d);
            }
            if (!covered) {
                throw new AssetException(file, 0, "no theme covers depth " + d + " (every depth from 1 to " + DEEPEST + " needs one)");
            }
        }
        return List.copyOf(themes);
    }

    private static Theme finish(Block b, int no) {
        if (b.depth == null) {
            throw new AssetException(b.file, b.line, "theme '" + b.name + "' has no 'depth:'");
        }
        if (b.weight < 0) {
            throw new AssetException(b.file, b.line, "theme '" + b.name + "' has no 'weight:'");
        }
        int shapes = 0;
        for (int w : b.shapes) {
            shapes += w;
        }
        if (shapes == 0) {
            throw new AssetException(b.file, b.line, "theme '" + b.name + "': every room shape has weight 0");
        }
        int kinds = 0;
        for (int w : b.streamers) {
            kinds += w;
        }
        if (kinds == 0 && b.streamerCount[1] > 0) {
            throw new AssetException(b.file, b.line, "theme '" + b.name + "' wants streamers but every kind has weight 0");
        }
        return new Theme(b);
    }

    private static void set(Block b, String file, int no, String key, String v) {
        switch (key) {
            case "depth": b.depth = range(file, no, key, v, 1, 1000); break;
            case "weight": b.weight = number(file, no, key, v, 1, 1000); break;
            case "panel": b.panel = range(file, no, key, v, 10, 60); break;
            case "mazes": b.mazes = number(file, no, key, v, 0, 100); break;
            case "empty": b.empty = number(file, no, key, v, 0, 90); break;
            case "shapes": b.shapes = weights(file, no, key, v, Theme.SHAPES); break;
            case "caves": b.caves = number(file, no, key, v, 0, 100); break;
            case "grass": b.grass = number(file, no, key, v, 0, 100); break;
            case "streamers": b.streamerCount = range(file, no, key, v, 0, 8); break;
            case "kinds": b.streamers = weights(file, no, key, v, Theme.STREAMERS); break;
            case "torches": b.torches = number(file, no, key, v, 0, 400); break;
            case "vaults": b.vaults = range(file, no, key, v, 0, 6); break;
            case "walls": b.walls = colour(file, no, key, v); break;
            case "floor": b.floor = colour(file, no, key, v); break;
            default: throw new AssetException(file, no, "unknown key '" + key + "' (" + KEYS + ")");
        }
    }

    private static int number(String file, int no, String key, String v, int min, int max) {
        int n;
        try {
            n = AssetNumbers.parse(v, 10);
        } catch (NumberFormatException e) {
            throw new AssetException(file, no, key + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new AssetException(file, no, key + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static int[] range(String file, int no, String key, String v, int min, int max) {
        String[] p = v.split("-", -1);
        int lo;
        int hi;
        try {
            if (p.length > 2) {
                throw new NumberFormatException();
            }
            lo = AssetNumbers.parse(p[0].trim(), 10);
            hi = p.length == 2 ? AssetNumbers.parse(p[1].trim(), 10) : lo;
        } catch (NumberFormatException e) {
            throw new AssetException(file, no, key + " must look like 3 or 2-9, got '" + v + "'");
        }
        if (lo < min || hi < lo || hi > max) {
            throw new AssetException(file, no, key + " must be low-high within " + min + "-" + max + ", got '" + v + "'");
        }
        return new int[] {lo, hi};
    }

    /** {@code name N, name N, ...}: names from {@code names}, each at most once; unnamed ones weigh 0. */
    private static int[] weights(String file, int no, String key, String v, String[] names) {
        int[] w = new int[names.length];
        boolean[] seen = new boolean[names.length];
        for (String part : v.split(",")) {
            String[] p = part.trim().split("\\s+");
            if (p.length != 2) {
                throw new AssetException(file, no, key + " must look like '" + names[0] + " 40, " + names[1] + " 10', got '" + part.trim() + "'");
            }
            int k = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(p[0].toLowerCase(Locale.ROOT))) {
                    k = i;
                }
            }
            if (k < 0) {
                throw new AssetException(file, no, "unknown " + key + " name '" + p[0] + "' (" + String.join(", ", names) + ")");
            }
            if (seen[k]) {
                throw new AssetException(file, no, key + ": '" + p[0] + "' given twice");
            }
            seen[k] = true;
            w[k] = number(file, no, key + " weight of " + p[0], p[1], 0, 1000);
        }
        return w;
    }

    private static int colour(String file, int no, String key, String v) {
        try {
            if (v.length() != 6) {
                throw new NumberFormatException();
            }
            return AssetNumbers.parse(v, 16);
        } catch (NumberFormatException e) {
            throw new AssetException(file, no, key + " must be 6 hex digits like 9a8a72, got '" + v + "'");
        }
    }

    private static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }
}
