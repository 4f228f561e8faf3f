package dev.burrow.dungeon.gen;

import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.Pool;
import org.lwjgl.system.MemoryUtil;

/**
 * One dungeon level. Every byte of it lives in its {@link LevelGroup}: the cell grids (terrain, flags, contents)
 * and the tables (rooms, doors, entities), and the items on its floor ({@link FloorItems}, in a pool whose slabs
 * the group holds). The explored memory of the player is part of it too ({@link #REMEMBERED}), so a level that is
 * kept while the player is elsewhere keeps everything by keeping its group open. {@link #close()} frees the whole
 * level at once.
 *
 * <p>Cell grids are row-major, index {@code y * width + x}: terrain, flags, monsters, fixtures (features and torches)
 * and items each have one, so a monster can stand on a trap or an item. Tables are fixed-capacity records of ints, sized
 * from the map area when the level is made.</p>
 */
public final class Level implements AutoCloseable {
    /** Flag: lit by a torch. */
    public static final int LIT = 1;
    /** Flag: visible to the player this turn (game state, not hashed). */
    public static final int VISIBLE = 1 << 1;
    /** Flag: seen before, drawn dimmer (game state, not hashed). */
    public static final int REMEMBERED = 1 << 2;
    /** Flag: part of a vault. */
    public static final int VAULT = 1 << 3;
    /** Feature state bit ({@link #E_STATE}): spent (a dry fountain, a pulled lever). */
    public static final int FEATURE_USED = 1;
    /** Feature state bit: not yet found (a hidden trap). */
    public static final int FEATURE_HIDDEN = 2;
    /** Flags the game changes while playing; excluded from the level hash. */
    public static final int GAME_FLAGS = VISIBLE | REMEMBERED;
    private static final int ROOM_SHIFT = 8;
    private static final int ROOM_MASK = 0xFFF << ROOM_SHIFT;
    private static final int REGION_SHIFT = 20;

    /** Room record: x, y, w, h, shape, anchorX, anchorY, spare. */
    static final int ROOM_INTS = 8;
    /** Door record: x, y, terrain. */
    static final int DOOR_INTS = 3;
    /** Entity field: {@link Population#MONSTER}, {@link Population#FEATURE} or {@link Population#TORCH}. */
    public static final int E_KIND = 0;
    /** Entity field: index into the kind's table. */
    public static final int E_TYPE = 1;
    /** Entity field: column. */
    public static final int E_X = 2;
    /** Entity field: row. */
    public static final int E_Y = 3;
    /** Entity field: hit points (monsters). */
    public static final int E_HP = 4;
    /** Entity field: maximum hit points (monsters). */
    public static final int E_MAX_HP = 5;
    /** Entity field: monster state (asleep, hunting) or feature state bits (used, hidden). */
    public static final int E_STATE = 6;
    /** Entity field: a monster's energy; it acts each time this reaches its speed. */
    public static final int E_ENERGY = 7;
    /** Entity field: turns of a timed condition left (a monster's slowness). */
    public static final int E_TIMER = 8;
    /** Entity field: the turn the player last saw this monster, plus one (0: never). */
    public static final int E_SEEN = 9;
    /** Ints per entity record. */
    public static final int ENTITY_INTS = 10;

    private final LevelGroup group;
    private final int width;
    private final int height;
    private final int depth;
    private final long seed;
    private final long terrain;
    private final long flags;
    private final long contents;
    private final long fixtures;
    private final long rooms;
    private final int roomCapacity;
    private int roomCount;
    private final long doors;
    private final int doorCapacity;
    private int doorCount;
    private final long entities;
    private final int entityCapacity;
    private int entityCount;
    private final FloorItems items;
    private final int theme;
    private int upX = -1;
    private int upY = -1;
    private int downX = -1;
    private int downY = -1;
    int attempt;
    /** Changes to what paths depend on (terrain, a trap found): a kept path made before a change is not followed. */
    private int mapVersion;

    Level(LevelGroup group, Pool itemPool, int width, int height, int depth, long seed, int theme) {
        this.group = group;
        this.theme = theme;
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.seed = seed;
        int cells = width * height;
        terrain = group.calloc(cells, 8);
        flags = group.calloc(cells * 4L, 8);
        contents = group.calloc(cells * 4L, 8);
        fixtures = group.calloc(cells * 4L, 8);
        roomCapacity = Math.min(4000, Math.max(64, cells / 40));
        rooms = group.calloc((long) roomCapacity * ROOM_INTS * 4, 8);
        doorCapacity = Math.max(128, cells / 16);
        doors = group.calloc((long) doorCapacity * DOOR_INTS * 4, 8);
        entityCapacity = Math.max(256, cells / 8);
        entities = group.calloc((long) entityCapacity * ENTITY_INTS * 4, 8);
        items = new FloorItems(this, group, itemPool);
    }

    // ------------------------------------------------------------------ cells

    /** @return map width */
    public int width() { return width; }

    /** @return map height */
    public int height() { return height; }

    /** @return dungeon depth, 1-based */
    public int depth() { return depth; }

    /** @return the seed */
    public long seed() { return seed; }

    /** @return the group that holds this level */
    public LevelGroup group() { return group; }

    /** @return the items on the floor */
    public FloorItems items() { return items; }

    /** @return index of the depth theme it was built with (see {@link GenAssets#themes()}) */
    public int theme() { return theme; }

    /** @param x column @param y row @return whether the cell is on the map */
    public boolean inBounds(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    /** @param x column @param y row @return the terrain code */
    public int terrain(int x, int y) {
        return MemoryUtil.memGetByte(terrain + (long) y * width + x);
    }

    /** @param i cell index @return the terrain code */
    public int terrainAt(int i) {
        return MemoryUtil.memGetByte(terrain + i);
    }

    /** @param x column @param y row @param t terrain code */
    public void setTerrain(int x, int y, int t) {
        MemoryUtil.memPutByte(terrain + (long) y * width + x, (byte) t);
        mapVersion++;
    }

    void setTerrainAt(int i, int t) {
        MemoryUtil.memPutByte(terrain + i, (byte) t);
        mapVersion++;
    }

    /** Notes a change to the map that paths depend on besides terrain (a hidden trap found). */
    public void mapChanged() {
        mapVersion++;
    }

    /** @return a number that changes whenever the terrain changes or {@link #mapChanged()} is called */
    public int mapVersion() {
        return mapVersion;
    }

    /** @param x column @param y row @return whether walkers may stand there */
    public boolean passable(int x, int y) {
        return inBounds(x, y) && Terrain.passable(terrain(x, y));
    }

    /** @param x column @param y row @return the cell's flags */
    public int flags(int x, int y) {
        return MemoryUtil.memGetInt(flags + 4L * ((long) y * width + x));
    }

    /** @param i cell index @return the flags */
    public int flagsAt(int i) {
        return MemoryUtil.memGetInt(flags + 4L * i);
    }

    /** @param i cell index @param f the flags */
    public void setFlagsAt(int i, int f) {
        MemoryUtil.memPutInt(flags + 4L * i, f);
    }

    /** @param x column @param y row @param bits flags to set */
    public void addFlags(int x, int y, int bits) {
        long a = flags + 4L * ((long) y * width + x);
        MemoryUtil.memPutInt(a, MemoryUtil.memGetInt(a) | bits);
    }

    /** @param x column @param y row @return room id (1-based), or 0 outside rooms */
    public int roomId(int x, int y) {
        return (flags(x, y) & ROOM_MASK) >>> ROOM_SHIFT;
    }

    void setRoomId(int x, int y, int id) {
        long a = flags + 4L * ((long) y * width + x);
        MemoryUtil.memPutInt(a, (MemoryUtil.memGetInt(a) & ~ROOM_MASK) | ((id & 0xFFF) << ROOM_SHIFT));
    }

    void setRegion(int x, int y, int region) {
        long a = flags + 4L * ((long) y * width + x);
        MemoryUtil.memPutInt(a, (MemoryUtil.memGetInt(a) & ((1 << REGION_SHIFT) - 1)) | (region << REGION_SHIFT));
    }

    /** @param x column @param y row @return the monster standing there (an entity index), or -1 */
    public int entityAt(int x, int y) {
        return MemoryUtil.memGetInt(contents + 4L * ((long) y * width + x)) - 1;
    }

    /** @param x column @param y row @param entity a monster's entity index, or -1 to clear */
    public void setEntityAt(int x, int y, int entity) {
        MemoryUtil.memPutInt(contents + 4L * ((long) y * width + x), entity + 1);
    }

    /**
     * @param x column @param y row
     * @return the feature or torch fixed there (an entity index), or -1. Fixtures have a grid of their own, so a
     *         monster may walk over a trap or past a fountain in a corridor.
     */
    public int fixtureAt(int x, int y) {
        return MemoryUtil.memGetInt(fixtures + 4L * ((long) y * width + x)) - 1;
    }

    /** @param x column @param y row @param entity a feature's or torch's entity index, or -1 to clear */
    public void setFixtureAt(int x, int y, int entity) {
        MemoryUtil.memPutInt(fixtures + 4L * ((long) y * width + x), entity + 1);
    }

    /** @return whether a monster, a feature or a torch is at the cell */
    public boolean occupied(int x, int y) {
        return entityAt(x, y) >= 0 || fixtureAt(x, y) >= 0;
    }

    private void setGridAt(int kind, int x, int y, int entity) {
        if (kind == Population.MONSTER) {
            setEntityAt(x, y, entity);
        } else {
            setFixtureAt(x, y, entity);
        }
    }

    // ------------------------------------------------------------------ rooms

    /** @return rooms */
    public int roomCount() { return roomCount; }

    int addRoom(int x, int y, int w, int h, int shape, int anchorX, int anchorY) {
        if (roomCount == roomCapacity || roomCount == 0xFFF) {
            return -1;
        }
        long r = rooms + (long) roomCount * ROOM_INTS * 4;
        MemoryUtil.memPutInt(r, x);
        MemoryUtil.memPutInt(r + 4, y);
        MemoryUtil.memPutInt(r + 8, w);
        MemoryUtil.memPutInt(r + 12, h);
        MemoryUtil.memPutInt(r + 16, shape);
        MemoryUtil.memPutInt(r + 20, anchorX);
        MemoryUtil.memPutInt(r + 24, anchorY);
        return ++roomCount; // ids are 1-based
    }

    /** @param i room index @param field 0..7 (x, y, w, h, shape, anchorX, anchorY) @return the value */
    public int room(int i, int field) {
        return MemoryUtil.memGetInt(rooms + ((long) i * ROOM_INTS + field) * 4);
    }

    void setRoom(int i, int field, int value) {
        MemoryUtil.memPutInt(rooms + ((long) i * ROOM_INTS + field) * 4, value);
    }

    // ------------------------------------------------------------------ doors

    /** @return doors in the door table */
    public int doorCount() { return doorCount; }

    boolean addDoor(int x, int y, int t) {
        if (doorCount == doorCapacity) {
            return false;
        }
        long d = doors + (long) doorCount * DOOR_INTS * 4;
        MemoryUtil.memPutInt(d, x);
        MemoryUtil.memPutInt(d + 4, y);
        MemoryUtil.memPutInt(d + 8, t);
        doorCount++;
        setTerrain(x, y, t);
        return true;
    }

    /** @param i door index @param field 0 x, 1 y, 2 terrain @return the value */
    public int door(int i, int field) {
        return MemoryUtil.memGetInt(doors + ((long) i * DOOR_INTS + field) * 4);
    }

    /** Sets a door's state in both the table and the terrain, keeping them consistent. */
    public void setDoor(int i, int t) {
        MemoryUtil.memPutInt(doors + ((long) i * DOOR_INTS + 2) * 4, t);
        setTerrain(door(i, 0), door(i, 1), t);
    }

    /** @param x column @param y row @return the door index at the cell, or -1 */
    public int doorAt(int x, int y) {
        for (int i = 0; i < doorCount; i++) {
            if (door(i, 0) == x && door(i, 1) == y) {
                return i;
            }
        }
        return -1;
    }

    void removeDoorsWhere(java.util.function.IntPredicate gone) {
        int w = 0;
        for (int i = 0; i < doorCount; i++) {
            if (!gone.test(i)) {
                if (w != i) {
                    MemoryUtil.memCopy(doors + (long) i * DOOR_INTS * 4, doors + (long) w * DOOR_INTS * 4, DOOR_INTS * 4);
                }
                w++;
            }
        }
        doorCount = w;
    }

    // ------------------------------------------------------------------ entities

    /** @return entities (monsters, items, features, torches) */
    public int entityCount() { return entityCount; }

    /** @return the most entities the table holds */
    public int entityCapacity() { return entityCapacity; }

    /**
     * Adds an entity: a monster to the monsters' grid, a feature or torch to the fixtures' grid.
     *
     * @return its index, or -1 when the table is full or that grid's cell is taken
     */
    public int addEntity(int kind, int type, int x, int y, int hp) {
        if (entityCount == entityCapacity || (kind == Population.MONSTER ? entityAt(x, y) : fixtureAt(x, y)) >= 0) {
            return -1;
        }
        int i = entityCount++;
        long e = entities + (long) i * ENTITY_INTS * 4;
        for (int f = 0; f < ENTITY_INTS; f++) {
            MemoryUtil.memPutInt(e + 4L * f, 0);
        }
        MemoryUtil.memPutInt(e + 4L * E_KIND, kind);
        MemoryUtil.memPutInt(e + 4L * E_TYPE, type);
        MemoryUtil.memPutInt(e + 4L * E_X, x);
        MemoryUtil.memPutInt(e + 4L * E_Y, y);
        MemoryUtil.memPutInt(e + 4L * E_HP, hp);
        MemoryUtil.memPutInt(e + 4L * E_MAX_HP, hp);
        setGridAt(kind, x, y, i);
        return i;
    }

    /** @param i entity index @param field one of the {@code E_} constants @return the value */
    public int entity(int i, int field) {
        return MemoryUtil.memGetInt(entities + ((long) i * ENTITY_INTS + field) * 4);
    }

    /** @param i entity index @param field as {@link #entity} @param value the value */
    public void setEntity(int i, int field, int value) {
        MemoryUtil.memPutInt(entities + ((long) i * ENTITY_INTS + field) * 4, value);
    }

    /** Moves monster {@code i} to (x, y), keeping the monsters' grid consistent. The target must be free of monsters. */
    public void moveEntity(int i, int x, int y) {
        setEntityAt(entity(i, E_X), entity(i, E_Y), -1);
        setEntity(i, E_X, x);
        setEntity(i, E_Y, y);
        setEntityAt(x, y, i);
    }

    /** Removes entity {@code i} by swapping the last one into its place (indices of the last change). */
    public void removeEntity(int i) {
        setGridAt(entity(i, E_KIND), entity(i, E_X), entity(i, E_Y), -1);
        int last = --entityCount;
        if (i != last) {
            // One record, copied field by field (LWJGL's memCopy resolves call sites the first time its small-copy
            // path runs, which allocated mid-game, at the first kill of a monster not last in the table).
            for (int f = 0; f < ENTITY_INTS; f++) {
                setEntity(i, f, entity(last, f));
            }
            setGridAt(entity(i, E_KIND), entity(i, E_X), entity(i, E_Y), i);
        }
    }

    // ------------------------------------------------------------------ stairs

    void setStairs(int ux, int uy, int dx, int dy) {
        upX = ux;
        upY = uy;
        downX = dx;
        downY = dy;
        setTerrain(ux, uy, Terrain.STAIRS_UP);
        setTerrain(dx, dy, Terrain.STAIRS_DOWN);
    }

    /** @return up stairs column, or -1 */
    public int upX() { return upX; }

    /** @return up stairs row */
    public int upY() { return upY; }

    /** @return down stairs column */
    public int downX() { return downX; }

    /** @return down stairs row */
    public int downY() { return downY; }

    /** @return which generation attempt produced this level (0 = first) */
    public int attempt() { return attempt; }

    // ------------------------------------------------------------------ hash

    /**
     * FNV-1a over everything generation decided: theme, terrain, flags (minus game state), contents, rooms, doors,
     * entities, floor items and stairs. Same (seed, depth, size) gives the same hash on every machine and allocator.
     *
     * @return the hash
     */
    public long hash() {
        long h = 0xCBF29CE484222325L;
        int cells = width * height;
        h = mix(h, width);
        h = mix(h, height);
        h = mix(h, depth);
        h = mix(h, theme);
        for (int i = 0; i < cells; i++) {
            h = mix(h, terrainAt(i));
            h = mix(h, flagsAt(i) & ~GAME_FLAGS);
            h = mix(h, MemoryUtil.memGetInt(contents + 4L * i));
            h = mix(h, MemoryUtil.memGetInt(fixtures + 4L * i));
            int item = items.atCell(i);
            if (item != 0) { // the record, not the handle: handles depend on the pool's history
                long r = items.record(item);
                h = mix(h, ItemRecord.type(r));
                h = mix(h, ItemRecord.amount(r));
                h = mix(h, ItemRecord.bonus(r));
            }
        }
        h = mixInts(h, rooms, roomCount * ROOM_INTS);
        h = mixInts(h, doors, doorCount * DOOR_INTS);
        for (int i = 0; i < entityCount; i++) {
            for (int f = E_KIND; f <= E_Y; f++) { // what generation placed (hp and state change in play)
                h = mix(h, entity(i, f));
            }
        }
        h = mix(h, upX);
        h = mix(h, upY);
        h = mix(h, downX);
        return mix(h, downY);
    }

    private static long mixInts(long h, long address, int n) {
        for (int i = 0; i < n; i++) {
            h = mix(h, MemoryUtil.memGetInt(address + 4L * i));
        }
        return h;
    }

    private static long mix(long h, int v) {
        for (int b = 0; b < 4; b++) {
            h ^= (v >>> (8 * b)) & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** Frees the whole level: its items go back to their pool, then one group close frees the rest. */
    @Override
    public void close() {
        if (!group.isClosed()) {
            items.releaseAll();
        }
        group.close();
    }
}
