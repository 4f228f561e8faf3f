package dev.burrow.dungeon.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The depth-weighted tables of monsters, items and features, read from {@code assets/config/population.conf}
 * (columns separated by spaces; {@code _} in a name shows as a space; a weight of 0 keeps a row out of random
 * picks, for things only vaults or the game place):
 *
 * <pre>
 * [monsters]
 * # name  glyph depth weight hp damage accuracy defence speed xp traits           colour
 * rat     r     1-4   30     3  1-2    70       0       100   1  -                a08060
 * archer  a     2-9   10     8  2-4    75       10      100   6  ranged           c0a060
 * [items]
 * # name               glyph depth weight class  effect amount colour
 * potion_of_healing    !     1-99  20     potion heal   30     d040d0
 * dagger               )     1-6   10     weapon -      2-4    c0c0c0
 * [features]
 * # name     glyph depth weight kind     amount colour
 * fountain   {     1-99  10     fountain 50     60a0ff
 * </pre>
 *
 * <p>Speed is time per action: 100 is the player's pace, 50 acts twice a turn, 200 every other turn. Traits:
 * {@code ranged} (shoots from up to {@link MonsterType#RANGE} cells), {@code flies} (crosses water, lava and
 * chasms), {@code erratic} (moves at random a third of the time), {@code pack} (comes in a group of two or three). Item classes and their effects and amounts are
 * listed in {@link ItemType}; feature kinds in {@link FeatureType}. Every error names {@code file:line}.</p>
 */
public final class Population {
    /** Entity kind: monster. */
    public static final int MONSTER = 1;
    /** Kind of a placed thing: item (items live in {@link FloorItems}, not in the entity table). */
    public static final int ITEM = 2;
    /** Entity kind: feature. */
    public static final int FEATURE = 3;
    /** Entity kind: torch. */
    public static final int TORCH = 4;

    private static final String MONSTER_COLUMNS = "name glyph depth weight hp damage accuracy defence speed xp traits colour";
    private static final String ITEM_COLUMNS = "name glyph depth weight class effect amount colour";
    private static final String FEATURE_COLUMNS = "name glyph depth weight kind amount colour";

    /** What every row has. */
    public static class Entry {
        final String name;
        final String key;
        final char glyph;
        final int minDepth;
        final int maxDepth;
        final int weight;
        final int rgb;

        Entry(String key, char glyph, int minDepth, int maxDepth, int weight, int rgb) {
            this.key = key;
            this.name = key.replace('_', ' ');
            this.glyph = glyph;
            this.minDepth = minDepth;
            this.maxDepth = maxDepth;
            this.weight = weight;
            this.rgb = rgb;
        }

        /** @return the name as shown (underscores as spaces) */
        public String name() { return name; }
        /** @return the name as written in the file (vaults refer to it) */
        public String key() { return key; }
        /** @return the glyph */
        public char glyph() { return glyph; }
        /** @return colour as 0xRRGGBB */
        public int rgb() { return rgb; }
        /** @return the relative chance; 0 keeps it out of random picks */
        public int weight() { return weight; }
        /** @param depth a depth @return whether random picks at that depth may choose it */
        public boolean allowedAt(int depth) { return weight > 0 && depth >= minDepth && depth <= maxDepth; }
    }

    private final List<MonsterType> monsters;
    private final List<ItemType> items;
    private final List<FeatureType> features;
    // Arrays for the per-turn and per-frame lookups: a plain array load, no interface call to profile and deopt.
    private final MonsterType[] monsterArray;
    private final ItemType[] itemArray;
    private final FeatureType[] featureArray;

    Population(List<MonsterType> monsters, List<ItemType> items, List<FeatureType> features) {
        this.monsters = monsters;
        this.items = items;
        this.features = features;
        this.monsterArray = monsters.toArray(new MonsterType[0]);
        this.itemArray = items.toArray(new ItemType[0]);
        this.featureArray = features.toArray(new FeatureType[0]);
    }

    /** @param kind {@link #MONSTER}, {@link #ITEM} or {@link #FEATURE} @return that table */
    public List<? extends Entry> table(int kind) {
        return kind == MONSTER ? monsters : kind == ITEM ? items : features;
    }

    /** @return monster type {@code i} */
    public MonsterType monster(int i) { return monsterArray[i]; }

    /** @return item type {@code i} */
    public ItemType item(int i) { return itemArray[i]; }

    /** @return feature type {@code i} */
    public FeatureType feature(int i) { return featureArray[i]; }

    /** @return monster types */
    public int monsterCount() { return monsterArray.length; }

    /** @return item types */
    public int itemCount() { return itemArray.length; }

    /** @return feature types */
    public int featureCount() { return featureArray.length; }

    /** @param kind a table @param key a name as written in the file @return its index, or -1 */
    public int find(int kind, String key) {
        List<? extends Entry> t = table(kind);
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).key.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** @param cls an {@link ItemType} class @return the first item type of that class, or -1 */
    public int firstItemOfClass(int cls) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).cls == cls) {
                return i;
            }
        }
        return -1;
    }

    /** @param kind a {@link FeatureType} kind @return the first feature type of that kind, or -1 */
    public int firstFeatureOfKind(int kind) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).kind == kind) {
                return i;
            }
        }
        return -1;
    }

    /** @return a weighted pick among the entries allowed at {@code depth}, as an index, or -1 */
    public int pick(int kind, int depth, Rng rng) {
        List<? extends Entry> t = table(kind);
        int total = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).allowedAt(depth)) {
                total += t.get(i).weight;
            }
        }
        if (total == 0) {
            return -1;
        }
        int r = rng.nextInt(total);
        for (int i = 0; i < t.size(); i++) {
            Entry e = t.get(i);
            if (e.allowedAt(depth)) {
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
        List<MonsterType> monsters = new ArrayList<>();
        List<ItemType> items = new ArrayList<>();
        List<FeatureType> features = new ArrayList<>();
        int kind = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                switch (line.toLowerCase(Locale.ROOT)) {
                    case "[monsters]": kind = MONSTER; break;
                    case "[items]": kind = ITEM; break;
                    case "[features]": kind = FEATURE; break;
                    default: throw new AssetException(file, no, "unknown section " + line + " ([monsters], [items], [features])");
                }
                continue;
            }
            if (kind == 0) {
                throw new AssetException(file, no, "row before any [section]");
            }
            Row r = new Row(file, no, line.split("\\s+"),
                kind == MONSTER ? MONSTER_COLUMNS : kind == ITEM ? ITEM_COLUMNS : FEATURE_COLUMNS);
            String key = r.p[0];
            if ((kind == MONSTER ? find(monsters, key) : kind == ITEM ? find(items, key) : find(features, key))) {
                throw new AssetException(file, no, "'" + key + "' is already in this table (names must be unique: vaults refer to them)");
            }
            char glyph = r.glyph(1);
            int[] depth = r.range(2, "depth", 1, 1000);
            int weight = r.number(3, "weight", 0, 1000);
            int rgb = r.colour(r.p.length - 1);
            if (kind == MONSTER) {
                int[] dmg = r.range(5, "damage", 0, 1000);
                monsters.add(new MonsterType(key, glyph, depth[0], depth[1], weight, rgb, r.number(4, "hp", 1, 10_000),
                    dmg[0], dmg[1], r.number(6, "accuracy", 0, 1000), r.number(7, "defence", 0, 1000),
                    r.number(8, "speed", 25, 1000), r.number(9, "xp", 0, 100_000), r.traits(10)));
            } else if (kind == ITEM) {
                int cls = r.word(4, "class", ItemType.CLASSES);
                int effect = r.effect(5, cls);
                int[] amount = r.amount(6, ItemType.AMOUNT_MEANS[cls]);
                items.add(new ItemType(key, glyph, depth[0], depth[1], weight, rgb, cls, effect, amount[0], amount[1]));
            } else {
                int fk = r.word(4, "kind", FeatureType.KINDS);
                int[] amount = r.amount(5, FeatureType.AMOUNT_MEANS[fk]);
                features.add(new FeatureType(key, glyph, depth[0], depth[1], weight, rgb, fk, amount[0], amount[1]));
            }
        }
        if (monsters.isEmpty()) {
            throw new AssetException(file, 0, "no [monsters] rows");
        }
        return new Population(List.copyOf(monsters), List.copyOf(items), List.copyOf(features));
    }

    private static boolean find(List<? extends Entry> t, String key) {
        for (Entry e : t) {
            if (e.key.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** One table row being parsed: every check names the file, the line and the column. */
    private static final class Row {
        final String file;
        final int no;
        final String[] p;
        final String columns;

        Row(String file, int no, String[] p, String columns) {
            this.file = file;
            this.no = no;
            this.p = p;
            this.columns = columns;
            int want = columns.split(" ").length;
            if (p.length != want) {
                throw new AssetException(file, no, "expected " + want + " columns (" + columns + "), got " + p.length);
            }
        }

        char glyph(int i) {
            if (p[i].codePointCount(0, p[i].length()) != 1) {
                throw new AssetException(file, no, "glyph must be one character, got '" + p[i] + "'");
            }
            char c = p[i].charAt(0);
            if (p[i].length() != 1 || c < '!' || c > '~') {
                // The tile atlas draws ASCII at its own codes; anything else would draw as another glyph
                throw new AssetException(file, no, "glyph '" + p[i] + "' is not in the tile atlas (printable ASCII, ! to ~)");
            }
            return c;
        }

        int number(int i, String what, int min, int max) {
            return Population.number(file, no, what, p[i], min, max);
        }

        /** {@code a-b} or {@code a}. */
        int[] range(int i, String what, int min, int max) {
            String[] d = p[i].split("-", -1);
            int lo;
            int hi;
            try {
                if (d.length > 2) {
                    throw new NumberFormatException();
                }
                lo = AssetNumbers.parse(d[0], 10);
                hi = d.length == 2 ? AssetNumbers.parse(d[1], 10) : lo;
            } catch (NumberFormatException e) {
                throw new AssetException(file, no, what + " must look like 3 or 1-5, got '" + p[i] + "'");
            }
            if (lo < min || hi < lo || hi > max) {
                throw new AssetException(file, no, what + " must be " + min + " or more, low-high, at most " + max + ", got '" + p[i] + "'");
            }
            return new int[] {lo, hi};
        }

        /** A column that is a number or range for some rows and {@code -} for others. */
        int[] amount(int i, String means) {
            if (means == null) {
                if (!p[i].equals("-")) {
                    throw new AssetException(file, no, "a " + p[4] + " has no amount: write '-', got '" + p[i] + "'");
                }
                return new int[] {0, 0};
            }
            return range(i, "amount (" + means + ")", 0, 100_000);
        }

        int word(int i, String what, String[] words) {
            String v = p[i].toLowerCase(Locale.ROOT);
            for (int k = 0; k < words.length; k++) {
                if (words[k].equals(v)) {
                    return k;
                }
            }
            throw new AssetException(file, no, "unknown " + what + " '" + p[i] + "' (" + String.join(", ", words) + ")");
        }

        int effect(int i, int cls) {
            String[] allowed = ItemType.EFFECTS_BY_CLASS[cls];
            if (allowed.length == 0) {
                if (!p[i].equals("-")) {
                    throw new AssetException(file, no, "a " + ItemType.CLASSES[cls] + " has no effect: write '-', got '" + p[i] + "'");
                }
                return ItemType.NO_EFFECT;
            }
            String v = p[i].toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(v)) {
                    for (int e = 0; e < ItemType.EFFECTS.length; e++) {
                        if (ItemType.EFFECTS[e].equals(v)) {
                            return e;
                        }
                    }
                }
            }
            throw new AssetException(file, no, "unknown " + ItemType.CLASSES[cls] + " effect '" + p[i] + "' (" + String.join(", ", allowed) + ")");
        }

        int traits(int i) {
            if (p[i].equals("-")) {
                return 0;
            }
            int bits = 0;
            for (String t : p[i].toLowerCase(Locale.ROOT).split(",")) {
                int k = -1;
                for (int j = 0; j < MonsterType.TRAITS.length; j++) {
                    if (MonsterType.TRAITS[j].equals(t)) {
                        k = j;
                    }
                }
                if (k < 0) {
                    throw new AssetException(file, no, "unknown trait '" + t + "' (" + String.join(", ", MonsterType.TRAITS) + ", or - for none)");
                }
                bits |= 1 << k;
            }
            return bits;
        }

        int colour(int i) {
            String colour = p[i];
            try {
                if (colour.length() != 6) {
                    throw new NumberFormatException();
                }
                return AssetNumbers.parse(colour, 16);
            } catch (NumberFormatException e) {
                throw new AssetException(file, no, "colour must be 6 hex digits like a08060, got '" + colour + "'");
            }
        }
    }

    private static int number(String file, int no, String what, String v, int min, int max) {
        int n;
        try {
            n = AssetNumbers.parse(v, 10);
        } catch (NumberFormatException e) {
            throw new AssetException(file, no, what + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new AssetException(file, no, what + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }
}
