package dev.burrow.dungeon.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The depth-weighted tables of monsters, items and features, read from {@code assets/config/population.conf}:
 *
 * <pre>
 * [monsters]
 * # name   glyph  depth  weight  hp  attack  colour
 * rat      r      1-4    30      3   1       a08060
 * [items]
 * # name   glyph  depth  weight  colour
 * potion   !      1-99   20      d040d0
 * [features]
 * fountain &amp;  1-99   10      60a0ff
 * </pre>
 */
public final class Population {
    /** Entity kind: monster. */
    public static final int MONSTER = 1;
    /** Entity kind: item. */
    public static final int ITEM = 2;
    /** Entity kind: feature. */
    public static final int FEATURE = 3;
    /** Entity kind: torch. */
    public static final int TORCH = 4;

    /** One row of a table. */
    public static final class Entry {
        final String name;
        final char glyph;
        final int minDepth;
        final int maxDepth;
        final int weight;
        final int hp;
        final int attack;
        final int rgb;

        Entry(String name, char glyph, int minDepth, int maxDepth, int weight, int hp, int attack, int rgb) {
            this.name = name;
            this.glyph = glyph;
            this.minDepth = minDepth;
            this.maxDepth = maxDepth;
            this.weight = weight;
            this.hp = hp;
            this.attack = attack;
            this.rgb = rgb;
        }

        /** @return the name */
        public String name() { return name; }
        /** @return the glyph */
        public char glyph() { return glyph; }
        /** @return hit points (monsters) */
        public int hp() { return hp; }
        /** @return attack damage (monsters) */
        public int attack() { return attack; }
        /** @return colour as 0xRRGGBB */
        public int rgb() { return rgb; }
    }

    private final List<Entry> monsters;
    private final List<Entry> items;
    private final List<Entry> features;

    Population(List<Entry> monsters, List<Entry> items, List<Entry> features) {
        this.monsters = monsters;
        this.items = items;
        this.features = features;
    }

    /** @param kind {@link #MONSTER}, {@link #ITEM} or {@link #FEATURE} @return that table */
    public List<Entry> table(int kind) {
        return kind == MONSTER ? monsters : kind == ITEM ? items : features;
    }

    /** @return a weighted pick among the entries allowed at {@code depth}, as an index, or -1 */
    int pick(int kind, int depth, Rng rng) {
        List<Entry> t = table(kind);
        int total = 0;
        for (Entry e : t) {
            if (depth >= e.minDepth && depth <= e.maxDepth) {
                total += e.weight;
            }
        }
        if (total == 0) {
            return -1;
        }
        int r = rng.nextInt(total);
        for (int i = 0; i < t.size(); i++) {
            Entry e = t.get(i);
            if (depth >= e.minDepth && depth <= e.maxDepth) {
                r -= e.weight;
                if (r < 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * @param file name for errors
     * @param lines the file
     * @return the tables
     * @throws AssetException {@code file:line: what}
     */
    public static Population parse(String file, List<String> lines) {
        List<Entry> monsters = new ArrayList<>();
        List<Entry> items = new ArrayList<>();
        List<Entry> features = new ArrayList<>();
        List<Entry> current = null;
        int kind = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                switch (line.toLowerCase(Locale.ROOT)) {
                    case "[monsters]": current = monsters; kind = MONSTER; break;
                    case "[items]": current = items; kind = ITEM; break;
                    case "[features]": current = features; kind = FEATURE; break;
                    default: throw new AssetException(file, no, "unknown section " + line + " ([monsters], [items], [features])");
                }
                continue;
            }
            if (current == null) {
                throw new AssetException(file, no, "row before any [section]");
            }
            String[] p = line.split("\\s+");
            int want = kind == MONSTER ? 7 : 5;
            if (p.length != want) {
                throw new AssetException(file, no, "expected " + want + " columns ("
                    + (kind == MONSTER ? "name glyph depth weight hp attack colour" : "name glyph depth weight colour")
                    + "), got " + p.length);
            }
            if (p[1].length() != 1) {
                throw new AssetException(file, no, "glyph must be one character, got '" + p[1] + "'");
            }
            String[] d = p[2].split("-");
            int lo;
            int hi;
            try {
                if (d.length == 0 || d.length > 2) { // "-" leaves nothing; "1-2-3" is no range (AssetParsersFuzzTest)
                    throw new NumberFormatException();
                }
                lo = Integer.parseInt(d[0]);
                hi = d.length == 2 ? Integer.parseInt(d[1]) : lo;
            } catch (NumberFormatException e) {
                throw new AssetException(file, no, "depth must look like 1-5, got '" + p[2] + "'");
            }
            if (lo < 1 || hi < lo) {
                throw new AssetException(file, no, "depth range must be 1 or more and low-high, got '" + p[2] + "'");
            }
            int weight = number(file, no, "weight", p[3], 1, 1000);
            int hp = kind == MONSTER ? number(file, no, "hp", p[4], 1, 10_000) : 0;
            int attack = kind == MONSTER ? number(file, no, "attack", p[5], 0, 1000) : 0;
            String colour = p[want - 1];
            int rgb;
            try {
                if (colour.length() != 6) {
                    throw new NumberFormatException();
                }
                rgb = Integer.parseInt(colour, 16);
            } catch (NumberFormatException e) {
                throw new AssetException(file, no, "colour must be 6 hex digits like a08060, got '" + colour + "'");
            }
            current.add(new Entry(p[0], p[1].charAt(0), lo, hi, weight, hp, attack, rgb));
        }
        if (monsters.isEmpty()) {
            throw new AssetException(file, 0, "no [monsters] rows");
        }
        return new Population(List.copyOf(monsters), List.copyOf(items), List.copyOf(features));
    }

    private static int number(String file, int no, String what, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new AssetException(file, no, what + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new AssetException(file, no, what + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }
}
