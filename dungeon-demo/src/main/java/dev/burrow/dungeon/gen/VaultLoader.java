package dev.burrow.dungeon.gen;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the vault format (see docs/generator.md, "Vault files"):
 *
 * <pre>
 * # comment
 * name: shrine
 * depth: 2-9           # inclusive range
 * weight: 10           # relative chance among vaults allowed at a depth
 * rotate: yes          # may turn by quarter turns
 * mirror: no
 * legend: R floor monster    # glyph, terrain, optional content
 * legend: G floor monster=goblin
 * map:
 * #####
 * #.R.E
 * #####
 * end
 * </pre>
 *
 * <p>Contents: {@code monster}, {@code item}, {@code feature} (drawn from the depth's table, two depths deeper),
 * {@code monster=NAME}, {@code item=NAME}, {@code feature=NAME} (a row of {@code population.conf} by its name),
 * {@code treasure} (an item drawn four depths deeper), {@code torch}, {@code entrance} (a cell corridors connect
 * to), {@code key} (opens one {@code locked_door}) and {@code lever} (raises every {@code gate} of the vault).</p>
 *
 * <p>Default glyphs: {@code #} wall, {@code .} floor, {@code +} closed door, {@code '} open door, {@code S} secret
 * door, {@code L} locked door, {@code |} gate, {@code ~} deep water, {@code =} shallow water, {@code ^} lava,
 * {@code :} chasm, {@code O} pillar, {@code "} grass, {@code E} entrance floor, {@code K} floor with a key,
 * {@code /} floor with a lever, space = leave the level alone.</p>
 *
 * <p>A machine room must be solvable: every key and lever is reachable from an entrance without passing a locked
 * door or a gate, there are at least as many keys as locked doors, and gates come with a lever. Names are checked
 * against the population tables when the assets load ({@link GenAssets}). Every error names {@code file:line}.</p>
 */
public final class VaultLoader {
    private static final Map<String, Integer> TERRAIN = new HashMap<>();
    private static final Map<String, Integer> CONTENT = new HashMap<>();

    static {
        String[] names = {"rock", "wall", "floor", "corridor", "open_door", "closed_door", "secret_door",
            "deep_water", "shallow_water", "lava", "chasm", "rubble", "bridge", null, null, "pillar", "grass",
            "locked_door", "gate"};
        for (int t = 0; t < names.length; t++) {
            if (names[t] != null) {
                TERRAIN.put(names[t], t);
            }
        }
        CONTENT.put("monster", Vault.MONSTER);
        CONTENT.put("item", Vault.ITEM);
        CONTENT.put("feature", Vault.FEATURE);
        CONTENT.put("torch", Vault.TORCH);
        CONTENT.put("entrance", Vault.ENTRANCE);
        CONTENT.put("key", Vault.KEY);
        CONTENT.put("lever", Vault.LEVER);
        CONTENT.put("treasure", Vault.TREASURE);
    }

    private VaultLoader() {
    }

    /**
     * @param file the name to report errors against
     * @param lines the file's lines
     * @return the vault
     * @throws AssetException {@code file:line: what}
     */
    public static Vault parse(String file, List<String> lines) {
        Map<Character, Legend> legend = defaultLegend();
        String name = null;
        int minDepth = -1;
        int maxDepth = -1;
        int weight = -1;
        boolean rotate = false;
        boolean mirror = false;
        int mapStart = -1;
        int mapEnd = -1;
        Map<String, Integer> given = new HashMap<>(); // key -> its line: a key given twice is a mistake, not an override
        for (int i = 0; i < lines.size() && mapStart < 0; i++) {
            String raw = lines.get(i);
            String line = stripComment(raw).trim();
            int no = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new AssetException(file, no, "expected 'key: value', got '" + line + "'");
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (!key.equals("legend")) {
                Integer first = given.putIfAbsent(key, no);
                if (first != null) {
                    throw new AssetException(file, no, "'" + key + ":' given twice (first at line " + first + ")");
                }
            }
            switch (key) {
                case "name":
                    if (value.isEmpty()) {
                        throw new AssetException(file, no, "name is empty");
                    }
                    name = value;
                    break;
                case "depth": {
                    String[] p = value.split("-");
                    try {
                        if (p.length == 0) { // "-" or "--": split leaves nothing (found by AssetParsersFuzzTest)
                            throw new NumberFormatException();
                        }
                        minDepth = AssetNumbers.parse(p[0].trim(), 10);
                        maxDepth = p.length == 2 ? AssetNumbers.parse(p[1].trim(), 10) : minDepth;
                        if (p.length > 2) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw new AssetException(file, no, "depth must look like 3 or 2-9, got '" + value + "'");
                    }
                    if (minDepth < 1 || maxDepth < minDepth) {
                        throw new AssetException(file, no, "depth range must be 1 or more and low-high, got '" + value + "'");
                    }
                    break;
                }
                case "weight":
                    try {
                        weight = AssetNumbers.parse(value, 10);
                    } catch (NumberFormatException e) {
                        throw new AssetException(file, no, "weight must be a whole number, got '" + value + "'");
                    }
                    if (weight < 1 || weight > 1000) {
                        throw new AssetException(file, no, "weight must be between 1 and 1000, got " + weight);
                    }
                    break;
                case "rotate":
                    rotate = yesNo(file, no, value);
                    break;
                case "mirror":
                    mirror = yesNo(file, no, value);
                    break;
                case "legend":
                    legend(file, no, value, legend);
                    break;
                case "map":
                    if (!value.isEmpty()) {
                        throw new AssetException(file, no, "the map starts on the line after 'map:'");
                    }
                    mapStart = i + 1;
                    break;
                default:
                    throw new AssetException(file, no, "unknown key '" + key + "' (name, depth, weight, rotate, mirror, legend, map)");
            }
        }
        if (name == null) {
            throw new AssetException(file, 0, "missing 'name:'");
        }
        if (minDepth < 0) {
            throw new AssetException(file, 0, "missing 'depth:'");
        }
        if (weight < 0) {
            throw new AssetException(file, 0, "missing 'weight:'");
        }
        if (mapStart < 0) {
            throw new AssetException(file, 0, "missing 'map:'");
        }
        for (int i = mapStart; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("end")) {
                mapEnd = i;
                break;
            }
        }
        if (mapEnd < 0) {
            throw new AssetException(file, lines.size(), "map has no closing 'end' line (truncated file?)");
        }
        for (int i = mapEnd + 1; i < lines.size(); i++) {
            if (!stripComment(lines.get(i)).isBlank()) {
                throw new AssetException(file, i + 1, "text after the map's 'end' (one vault per file; comments start with #)");
            }
        }
        int h = mapEnd - mapStart;
        if (h < 3) {
            throw new AssetException(file, mapStart + 1, "map must have at least 3 rows, has " + h);
        }
        int w = 0;
        for (int i = mapStart; i < mapEnd; i++) {
            w = Math.max(w, lines.get(i).length());
        }
        if (w < 3 || w > 60 || h > 40) {
            throw new AssetException(file, mapStart + 1, "map must be 3x3 to 60x40, is " + w + "x" + h);
        }
        byte[] terrain = new byte[w * h];
        byte[] content = new byte[w * h];
        String[] named = new String[w * h];
        int[] line = new int[w * h];
        int entrances = 0;
        for (int j = 0; j < h; j++) {
            String row = lines.get(mapStart + j);
            for (int i = 0; i < w; i++) {
                char ch = i < row.length() ? row.charAt(i) : ' ';
                Legend e = legend.get(ch);
                if (e == null) {
                    throw new AssetException(file, mapStart + j + 1, "glyph '" + ch + "' in column " + (i + 1)
                        + " is not in the legend (add 'legend: " + ch + " <terrain> [content]')");
                }
                int c = j * w + i;
                terrain[c] = (byte) e.terrain;
                content[c] = (byte) e.content;
                named[c] = e.name;
                line[c] = e.line > 0 ? e.line : mapStart + j + 1;
                if (e.content == Vault.ENTRANCE) {
                    entrances++;
                }
                if (e.content != Vault.NONE && e.content != Vault.ENTRANCE && e.terrain >= 0 && !Terrain.walkable(e.terrain)) {
                    throw new AssetException(file, mapStart + j + 1, "glyph '" + ch + "' puts something on impassable " + Terrain.name(e.terrain));
                }
            }
        }
        if (entrances == 0) {
            throw new AssetException(file, mapStart + 1, "map has no entrance (glyph E, or a legend entry with 'entrance')");
        }
        Vault v = new Vault(name, file, minDepth, maxDepth, weight, rotate, mirror, w, h, terrain, content, named, line);
        MachineCheck.check(v, mapStart + 1);
        return v;
    }

    /** A legend entry: terrain (-1: leave the level alone), content, a row name for named contents, its line. */
    private static final class Legend {
        final int terrain;
        final int content;
        final String name;
        final int line;

        Legend(int terrain, int content, String name, int line) {
            this.terrain = terrain;
            this.content = content;
            this.name = name;
            this.line = line;
        }
    }

    private static Map<Character, Legend> defaultLegend() {
        Map<Character, Legend> m = new HashMap<>();
        m.put('#', new Legend(Terrain.WALL, Vault.NONE, null, 0));
        m.put('.', new Legend(Terrain.FLOOR, Vault.NONE, null, 0));
        m.put('+', new Legend(Terrain.DOOR_CLOSED, Vault.NONE, null, 0));
        m.put('\'', new Legend(Terrain.DOOR_OPEN, Vault.NONE, null, 0));
        m.put('S', new Legend(Terrain.DOOR_SECRET, Vault.NONE, null, 0));
        m.put('L', new Legend(Terrain.DOOR_LOCKED, Vault.NONE, null, 0));
        m.put('|', new Legend(Terrain.GATE, Vault.NONE, null, 0));
        m.put('~', new Legend(Terrain.DEEP_WATER, Vault.NONE, null, 0));
        m.put('=', new Legend(Terrain.SHALLOW_WATER, Vault.NONE, null, 0));
        m.put('^', new Legend(Terrain.LAVA, Vault.NONE, null, 0));
        m.put(':', new Legend(Terrain.CHASM, Vault.NONE, null, 0));
        m.put('O', new Legend(Terrain.PILLAR, Vault.NONE, null, 0));
        m.put('"', new Legend(Terrain.GRASS, Vault.NONE, null, 0));
        m.put('E', new Legend(Terrain.FLOOR, Vault.ENTRANCE, null, 0));
        m.put('K', new Legend(Terrain.FLOOR, Vault.KEY, null, 0));
        m.put('/', new Legend(Terrain.FLOOR, Vault.LEVER, null, 0));
        m.put(' ', new Legend(-1, Vault.NONE, null, 0));
        return m;
    }

    private static void legend(String file, int no, String value, Map<Character, Legend> legend) {
        String[] p = value.split("\\s+");
        if (p.length < 2 || p.length > 3 || p[0].length() != 1) {
            throw new AssetException(file, no, "legend must be 'GLYPH terrain [content]', got '" + value + "'");
        }
        Integer t = TERRAIN.get(p[1].toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new AssetException(file, no, "unknown terrain '" + p[1] + "' (known: " + String.join(", ", new java.util.TreeSet<>(TERRAIN.keySet())) + ")");
        }
        int content = Vault.NONE;
        String name = null;
        if (p.length == 3) {
            String c = p[2].toLowerCase(Locale.ROOT);
            int eq = c.indexOf('=');
            if (eq >= 0) {
                name = p[2].substring(eq + 1);
                c = c.substring(0, eq);
                if (name.isEmpty() || !(c.equals("monster") || c.equals("item") || c.equals("feature"))) {
                    throw new AssetException(file, no, "a named content is monster=NAME, item=NAME or feature=NAME, got '" + p[2] + "'");
                }
            }
            Integer k = CONTENT.get(c);
            if (k == null) {
                throw new AssetException(file, no, "unknown content '" + p[2] + "' (monster, item, feature, treasure, torch, entrance,"
                    + " key, lever, or monster=NAME, item=NAME, feature=NAME)");
            }
            content = k;
        }
        Legend before = legend.get(p[0].charAt(0));
        if (before != null && before.line > 0) {
            throw new AssetException(file, no, "glyph '" + p[0] + "' given twice in the legend (first at line " + before.line + ")");
        }
        legend.put(p[0].charAt(0), new Legend(t, content, name, no));
    }

    private static boolean yesNo(String file, int no, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes": case "true": return true;
            case "no": case "false": return false;
            default: throw new AssetException(file, no, "expected yes or no, got '" + value + "'");
        }
    }

    private static String stripComment(String line) {
        String t = line.trim();
        if (t.startsWith("#")) {
            return "";
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("legend:")) {
            // The glyph itself may be '#': only a comment after the whole entry counts.
            int hash = t.indexOf(" #", t.indexOf(':') + 3);
            return hash >= 0 ? t.substring(0, hash) : t;
        }
        int hash = line.indexOf(" #");
        return hash >= 0 ? line.substring(0, hash) : line;
    }
}
