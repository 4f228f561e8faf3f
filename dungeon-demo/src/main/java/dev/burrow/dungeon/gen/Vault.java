package dev.burrow.dungeon.gen;

/**
 * A prefab read from {@code assets/vaults/*.vault}: a grid of cells, each a terrain plus what stands on it, with
 * the depths it appears at, its weight, and whether it may be rotated or mirrored.
 */
public final class Vault {
    /** Cell content: nothing. */
    public static final int NONE = 0;
    /** Cell content: a monster from the depth's table. */
    public static final int MONSTER = 1;
    /** Cell content: an item. */
    public static final int ITEM = 2;
    /** Cell content: a feature. */
    public static final int FEATURE = 3;
    /** Cell content: a torch. */
    public static final int TORCH = 4;
    /** Cell content: the entrance (a floor cell corridors connect to). */
    public static final int ENTRANCE = 5;
    /** Cell content: a key (opens one locked door). */
    public static final int KEY = 6;
    /** Cell content: a lever (raises the vault's gates). */
    public static final int LEVER = 7;
    /** Cell content: an item drawn four depths deeper. */
    public static final int TREASURE = 8;

    final String name;
    final String file;
    final int minDepth;
    final int maxDepth;
    final int weight;
    final boolean rotate;
    final boolean mirror;
    final int width;
    final int height;
    final byte[] terrain;  // -1: leave the level's cell alone (outside the vault)
    final byte[] content;
    final String[] named;  // a population row's name for monster=NAME, item=NAME, feature=NAME; else null
    final int[] line;      // the file line that gave each cell its content (for errors found later)
    /** Per cell: the table index a named content, key or lever resolved to ({@link #resolve}); -1 otherwise. */
    int[] type;

    Vault(String name, String file, int minDepth, int maxDepth, int weight, boolean rotate, boolean mirror,
          int width, int height, byte[] terrain, byte[] content, String[] named, int[] line) {
        this.name = name;
        this.file = file;
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.weight = weight;
        this.rotate = rotate;
        this.mirror = mirror;
        this.width = width;
        this.height = height;
        this.terrain = terrain;
        this.content = content;
        this.named = named;
        this.line = line;
    }

    /**
     * Binds named contents, keys and levers to rows of the population tables.
     *
     * @param pop the tables the vault will be stamped with
     * @return a copy bound to {@code pop}
     * @throws AssetException naming the vault file and the legend line of a name the tables do not have
     */
    Vault resolve(Population pop) {
        Vault v = new Vault(name, file, minDepth, maxDepth, weight, rotate, mirror, width, height, terrain, content, named, line);
        v.type = new int[content.length];
        for (int c = 0; c < content.length; c++) {
            int t = -1;
            int k = content[c];
            if (named[c] != null) {
                int kind = k == MONSTER ? Population.MONSTER : k == ITEM ? Population.ITEM : Population.FEATURE;
                t = pop.find(kind, named[c]);
                if (t < 0) {
                    throw new AssetException(file, line[c], "no " + (kind == Population.MONSTER ? "monster" : kind == Population.ITEM ? "item" : "feature")
                        + " named '" + named[c] + "' in the population tables");
                }
            } else if (k == KEY) {
                t = pop.firstItemOfClass(ItemType.KEY);
                if (t < 0) {
                    throw new AssetException(file, line[c], "the vault has a key but the population tables have no item of class key");
                }
            } else if (k == LEVER) {
                t = pop.firstFeatureOfKind(FeatureType.LEVER);
                if (t < 0) {
                    throw new AssetException(file, line[c], "the vault has a lever but the population tables have no feature of kind lever");
                }
            }
            v.type[c] = t;
        }
        return v;
    }

    /** @return the vault's name */
    public String name() { return name; }

    /** @return the file it came from */
    public String file() { return file; }

    /** @return width before rotation */
    public int width() { return width; }

    /** @return height before rotation */
    public int height() { return height; }

    /** @param depth a depth @return whether the vault may appear there */
    public boolean allowedAt(int depth) {
        return depth >= minDepth && depth <= maxDepth;
    }

    /** Cell (x, y) of the vault seen through a transform: rotation r (quarter turns) then mirror. */
    int cell(int x, int y, int r, boolean m) {
        int w = (r & 1) == 0 ? width : height;
        if (m) {
            x = w - 1 - x;
        }
        int sx;
        int sy;
        switch (r & 3) {
            case 1: sx = y; sy = height - 1 - x; break;
            case 2: sx = width - 1 - x; sy = height - 1 - y; break;
            case 3: sx = width - 1 - y; sy = x; break;
            default: sx = x; sy = y;
        }
        return sy * width + sx;
    }
}
