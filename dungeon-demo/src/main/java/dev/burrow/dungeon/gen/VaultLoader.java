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
 * legend: R floor monster    # glyph, terrain, optional content (monster|item|feature|torch|entrance)
 * map:
 * #####
 * #.R.E
 * #####
 * end
 * </pre>
 *
 * Default glyphs: {@code #} wall, {@code .} floor, {@code +} closed door, {@code '} open door, {@code S} secret
 * door, {@code ~} deep water, {@code =} shallow water, {@code ^} lava, {@code :} chasm, {@code O} pillar,
 * {@code "} grass, {@code E} entrance floor, space = leave the level alone. Every error names {@code file:line}.
 */
public final class VaultLoader {
    private static final Map<String, Integer> TERRAIN = new HashMap<>();
    private static final Map<String, Integer> CONTENT = new HashMap<>();

    static {
        String[] names = {"rock", "wall", "floor", "corridor", "open_door", "closed_door", "secret_door",
            "deep_water", "shallow_water", "lava", "chasm", "rubble", "bridge", null, null, "pillar", "grass"};
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
        Map<Character, int[]> legend = defaultLegend();
        String name = null;
        int minDepth = -1;
        int maxDepth = -1;
        int weight = -1;
        boolean rotate = false;
        boolean mirror = false;
        int mapStart = -1;
        int mapEnd = -1;
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
                        minDepth = Integer.parseInt(p[0].trim());
                        maxDepth = p.length == 2 ? Integer.parseInt(p[1].trim()) : minDepth;
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
                        weight = Integer.parseInt(value);
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
        int entrances = 0;
        for (int j = 0; j < h; j++) {
            String row = lines.get(mapStart + j);
            for (int i = 0; i < w; i++) {
                char ch = i < row.length() ? row.charAt(i) : ' ';
                int[] e = legend.get(ch);
                if (e == null) {
                    throw new AssetException(file, mapStart + j + 1, "glyph '" + ch + "' in column " + (i + 1)
                        + " is not in the legend (add 'legend: " + ch + " <terrain> [content]')");
                }
                terrain[j * w + i] = (byte) e[0];
                content[j * w + i] = (byte) e[1];
                if (e[1] == Vault.ENTRANCE) {
                    entrances++;
                }
                if (e[1] != Vault.NONE && e[1] != Vault.ENTRANCE && e[0] >= 0 && !Terrain.passable(e[0])) {
                    throw new AssetException(file, mapStart + j + 1, "glyph '" + ch + "' puts something on impassable " + Terrain.name(e[0]));
                }
            }
        }
        if (entrances == 0) {
            throw new AssetException(file, mapStart + 1, "map has no entrance (glyph E, or a legend entry with 'entrance')");
        }
        return new Vault(name, file, minDepth, maxDepth, weight, rotate, mirror, w, h, terrain, content);
    }

    private static Map<Character, int[]> defaultLegend() {
        Map<Character, int[]> m = new HashMap<>();
        m.put('#', new int[] {Terrain.WALL, Vault.NONE});
        m.put('.', new int[] {Terrain.FLOOR, Vault.NONE});
        m.put('+', new int[] {Terrain.DOOR_CLOSED, Vault.NONE});
        m.put('\'', new int[] {Terrain.DOOR_OPEN, Vault.NONE});
        m.put('S', new int[] {Terrain.DOOR_SECRET, Vault.NONE});
        m.put('~', new int[] {Terrain.DEEP_WATER, Vault.NONE});
        m.put('=', new int[] {Terrain.SHALLOW_WATER, Vault.NONE});
        m.put('^', new int[] {Terrain.LAVA, Vault.NONE});
        m.put(':', new int[] {Terrain.CHASM, Vault.NONE});
        m.put('O', new int[] {Terrain.PILLAR, Vault.NONE});
        m.put('"', new int[] {Terrain.GRASS, Vault.NONE});
        m.put('E', new int[] {Terrain.FLOOR, Vault.ENTRANCE});
        m.put(' ', new int[] {-1, Vault.NONE});
        return m;
    }

    private static void legend(String file, int no, String value, Map<Character, int[]> legend) {
        String[] p = value.split("\\s+");
        if (p.length < 2 || p.length > 3 || p[0].length() != 1) {
            throw new AssetException(file, no, "legend must be 'GLYPH terrain [content]', got '" + value + "'");
        }
        Integer t = TERRAIN.get(p[1].toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new AssetException(file, no, "unknown terrain '" + p[1] + "' (known: " + String.join(", ", new java.util.TreeSet<>(TERRAIN.keySet())) + ")");
        }
        int content = Vault.NONE;
        if (p.length == 3) {
            Integer c = CONTENT.get(p[2].toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new AssetException(file, no, "unknown content '" + p[2] + "' (monster, item, feature, torch, entrance)");
            }
            content = c;
        }
        legend.put(p[0].charAt(0), new int[] {t, content});
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
