package dev.burrow.dungeon.gen;

import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.LevelGroup;
import dev.burrow.memory.Pool;

import java.util.List;

/**
 * Makes levels. Deterministic per (seed, depth, size): the passes draw from one {@link Rng}, iterate only over
 * native arrays and lists in insertion order, and never look at the clock.
 *
 * <h2>Memory</h2>
 * <p>Every byte the level keeps comes from its {@link LevelGroup}; every scratch array comes from the calling
 * thread's {@link FrameArena} (inside the caller's frame if one is open, else in a frame of its own) and is rolled
 * back before {@code generate} returns. The floor items' pool is drawn from the group and its slots reserved
 * before the first attempt (see {@link FloorItems}). An attempt that fails validation releases its items and is
 * undone by rolling both the group and the arena back to their marks, so nothing from it survives; after
 * {@link #MAX_ATTEMPTS} the seed is reported.</p>
 *
 * <h2>Passes</h2>
 * <p>A depth {@link Theme} drawn for (seed, depth) sets their knobs. BSP panels, rooms (six shapes) and mazes,
 * vaults, corridors, caves, the life pass, walls, doors, connectivity (tunnelling), streamers (Brogue's
 * reachability rule), loops, walls again, stairs, population with torch light. Then the {@link Validator}.</p>
 */
public final class Generator {
    /** Attempts before a seed is declared bad. */
    public static final int MAX_ATTEMPTS = 12;
    /** Smallest map side. */
    public static final int MIN_SIDE = 20;
    /** Largest map side: 1024 x 1024 cells is ~9 MiB of level and ~12 MiB of scratch. */
    public static final int MAX_SIDE = 1024;

    private final GenAssets assets;
    int failFirstAttempts; // tests: pretend the first N attempts failed validation
    int firstAttempt;      // tests: start counting attempts here (same stream as a retry would use)

    /** @param assets vaults and population tables */
    public Generator(GenAssets assets) {
        this.assets = assets;
    }

    /** @return a generator over the assets shipped in the jar */
    public static Generator builtIn() {
        return new Generator(GenAssets.builtIn());
    }

    /**
     * Checks a size before anything is allocated.
     *
     * @throws IllegalArgumentException naming the limits
     */
    public static void checkSize(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("level size " + width + "x" + height + " is outside " + MIN_SIDE + "x" + MIN_SIDE
                + " to " + MAX_SIDE + "x" + MAX_SIDE);
        }
    }

    /**
     * Generates the level for (seed, depth) in a new group named "level".
     *
     * @param mem the engine
     * @param seed any seed
     * @param depth 1 or more
     * @param width map width
     * @param height map height
     * @return a valid level; close it to free it
     * @throws GenerationException when no attempt validates
     */
    public Level generate(EngineMemory mem, long seed, int depth, int width, int height) {
        return generate(mem, "level", seed, depth, width, height);
    }

    /**
     * Generates the level for (seed, depth) in a new group with the given name (and tag: {@code level::3} also
     * counts under {@code level}). Its floor items live in a pool named {@code level::items} drawn from the group.
     *
     * @param mem the engine
     * @param groupName the group's name
     * @param seed any seed
     * @param depth 1 or more
     * @param width map width
     * @param height map height
     * @return a valid level; close it to free it
     * @throws GenerationException when no attempt validates
     */
    public Level generate(EngineMemory mem, String groupName, long seed, int depth, int width, int height) {
        checkSize(width, height);
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be 1 or more: " + depth);
        }
        int theme = themeFor(seed, depth);
        LevelGroup group = mem.group(groupName);
        FrameArena frame = mem.frame();
        boolean own = !frame.inFrame();
        if (own) {
            frame.begin();
        }
        long fmark = frame.mark();
        String problem = null;
        try {
            // Before the first mark: a rollback must never free a slab the pool still uses.
            Pool items = group.pool("level::items", ItemRecord.BYTES);
            items.reserve(FloorItems.RESERVED);
            for (int attempt = firstAttempt; attempt < MAX_ATTEMPTS; attempt++) {
                long gmark = group.mark();
                Level level = new Level(group, items, width, height, depth, seed, theme);
                level.attempt = attempt;
                GenContext c = new GenContext(level, new Rng(seed, depth * 1_000_003L + attempt), frame, depth, assets,
                    assets.themes().get(theme));
                problem = build(c);
                if (problem == null) {
                    List<String> problems = Validator.check(level, frame);
                    problem = problems.isEmpty() ? null : problems.get(0);
                }
                if (attempt < failFirstAttempts) {
                    problem = "failure forced by test";
                }
                frame.rollback(fmark);
                if (problem == null) {
                    return level;
                }
                level.items().releaseAll();
                group.rollback(gmark);
            }
        } catch (RuntimeException | Error e) {
            group.close();
            throw e;
        } finally {
            if (own) {
                frame.end();
            }
        }
        group.close();
        throw new GenerationException(String.format("seed %d (0x%x) depth %d size %dx%d: no valid level after %d attempts; last problem: %s",
            seed, seed, depth, width, height, MAX_ATTEMPTS, problem));
    }

    /**
     * Generates an arena: one open space (a pillared hall or a cave) filling the map, walled and connected, with
     * stairs and torches but no monsters (the arena spawns its own).
     *
     * @param mem the engine
     * @param seed any seed
     * @param width map width
     * @param height map height
     * @return a valid level in a group named "arena"
     */
    public Level generateArena(EngineMemory mem, long seed, int width, int height) {
        checkSize(width, height);
        LevelGroup group = mem.group("arena");
        FrameArena frame = mem.frame();
        boolean own = !frame.inFrame();
        if (own) {
            frame.begin();
        }
        long fmark = frame.mark();
        try {
            Level level = new Level(group, null, width, height, 1, seed, 0); // the arena keeps no items
            GenContext c = new GenContext(level, new Rng(seed, 0xA2E4A), frame, 1, assets, assets.themes().get(0));
            ArenaPass.apply(c);
            WallPass.apply(c);
            int start = (height / 2) * width + width / 2;
            if (!ConnectivityPass.apply(c, start) || !StairsPass.apply(c)) {
                throw new GenerationException("arena seed " + seed + " size " + width + "x" + height + ": could not connect it");
            }
            WallPass.apply(c);
            List<String> problems = Validator.check(level, frame);
            if (!problems.isEmpty()) {
                throw new GenerationException("arena seed " + seed + ": " + problems.get(0));
            }
            return level;
        } catch (RuntimeException | Error e) {
            group.close();
            throw e;
        } finally {
            frame.rollback(fmark);
            if (own) {
                frame.end();
            }
        }
    }

    /**
     * The theme of (seed, depth): drawn by weight among the themes allowed at the depth, from a stream of its own,
     * so every attempt (and a regeneration of the same seed) builds the same kind of level.
     *
     * @return an index into {@link GenAssets#themes()}
     */
    public int themeFor(long seed, int depth) {
        List<Theme> themes = assets.themes();
        int total = 0;
        for (Theme t : themes) {
            if (t.allowedAt(depth)) {
                total += t.weight;
            }
        }
        if (total == 0) {
            return 0; // deeper than any theme reaches (ThemeLoader checks 1..99): the first one
        }
        int r = new Rng(seed, 0x7E3E_0000L + depth).nextInt(total);
        for (int i = 0; i < themes.size(); i++) {
            if (themes.get(i).allowedAt(depth)) {
                r -= themes.get(i).weight;
                if (r < 0) {
                    return i;
                }
            }
        }
        return 0;
    }

    private static String build(GenContext c) {
        Level l = c.level;
        BspSplit.apply(c);
        RoomPass.apply(c);
        VaultPass.apply(c);
        if (l.roomCount() < 2) {
            return "fewer than two rooms";
        }
        CorridorPass.apply(c);
        CavePass.apply(c);
        LifePass.apply(c);
        WallPass.apply(c);
        DoorPass.apply(c);
        int start = l.room(0, 6) * c.width + l.room(0, 5);
        if (!Terrain.passable(l.terrainAt(start))) {
            return "first room has no passable anchor";
        }
        if (!ConnectivityPass.apply(c, start)) {
            return "could not connect every region";
        }
        StreamerPass.apply(c, start);
        LoopPass.apply(c);
        WallPass.apply(c);
        if (!StairsPass.apply(c)) {
            return "no place for stairs";
        }
        PopulationPass.apply(c);
        return null;
    }
}
