package dev.burrow.dungeon.gen;

import java.util.BitSet;
import java.util.Locale;

/**
 * Prints a level as text: the map (monsters and features over items over terrain, with the glyphs the window uses),
 * a legend of what appears, and the level hash.
 */
public final class AsciiRenderer {
    private AsciiRenderer() {
    }

    /**
     * @param l the level
     * @param assets for entity glyphs and names
     * @return the text, lines separated by '\n'
     */
    public static String render(Level l, GenAssets assets) {
        StringBuilder b = new StringBuilder((l.width() + 1) * (l.height() + 30));
        b.append(String.format(Locale.ROOT, "seed %d  depth %d  size %dx%d  theme %s  rooms %d  doors %d  entities %d  items %d  hash %016x%n",
            l.seed(), l.depth(), l.width(), l.height(), assets.themes().get(l.theme()).name(), l.roomCount(), l.doorCount(),
            l.entityCount(), l.items().count(), l.hash()));
        BitSet terrains = new BitSet();
        BitSet[] kinds = {new BitSet(), new BitSet(), new BitSet(), new BitSet(), new BitSet()};
        for (int y = 0; y < l.height(); y++) {
            for (int x = 0; x < l.width(); x++) {
                int e = l.entityAt(x, y) >= 0 ? l.entityAt(x, y) : l.fixtureAt(x, y);
                int item = l.items().at(x, y);
                if (e >= 0) {
                    int kind = l.entity(e, Level.E_KIND);
                    int type = l.entity(e, Level.E_TYPE);
                    kinds[kind].set(type);
                    b.append(glyph(assets, kind, type));
                } else if (item != 0) {
                    int type = ItemRecord.type(l.items().record(item));
                    kinds[Population.ITEM].set(type);
                    b.append(glyph(assets, Population.ITEM, type));
                } else {
                    int t = l.terrain(x, y);
                    terrains.set(t);
                    b.append(Terrain.glyph(t));
                }
            }
            b.append('\n');
        }
        b.append("legend:");
        for (int t = terrains.nextSetBit(0); t >= 0; t = terrains.nextSetBit(t + 1)) {
            if (t != Terrain.ROCK) {
                b.append("  ").append(Terrain.glyph(t)).append(' ').append(Terrain.name(t));
            }
        }
        b.append('\n');
        for (int kind = Population.MONSTER; kind <= Population.TORCH; kind++) {
            if (kinds[kind].isEmpty()) {
                continue;
            }
            b.append(kind == Population.MONSTER ? "monsters:" : kind == Population.ITEM ? "items:   " : kind == Population.FEATURE ? "features:" : "torches: ");
            for (int t = kinds[kind].nextSetBit(0); t >= 0; t = kinds[kind].nextSetBit(t + 1)) {
                b.append("  ").append(glyph(assets, kind, t)).append(' ').append(kind == Population.TORCH ? "torch" : assets.population().table(kind).get(t).name());
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** @return the glyph an entity is drawn with */
    public static char glyph(GenAssets assets, int kind, int type) {
        return kind == Population.TORCH ? '*' : assets.population().table(kind).get(type).glyph();
    }
}
