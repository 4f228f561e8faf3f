package dev.burrow.dungeon.game;

import dev.burrow.dungeon.gen.FeatureType;
import dev.burrow.dungeon.gen.Fov;
import dev.burrow.dungeon.gen.GenAssets;
import dev.burrow.dungeon.gen.Generator;
import dev.burrow.dungeon.gen.ItemRecord;
import dev.burrow.dungeon.gen.ItemType;
import dev.burrow.dungeon.gen.Level;
import dev.burrow.dungeon.gen.Population;
import dev.burrow.dungeon.gen.Rng;
import dev.burrow.dungeon.gen.Terrain;
import dev.burrow.memory.EngineMemory;
import dev.burrow.memory.FrameArena;
import dev.burrow.memory.FrameIntList;

/**
 * The roguelike: a player with a pack, monsters on an energy clock, items, features, traps, terrain that burns or
 * sweeps things away, experience and levels, travel and auto-explore, levels kept while the player is elsewhere,
 * and a way to win: bring the Amulet of Burrow up from depth {@link #AMULET_DEPTH} to the surface.
 *
 * <h2>Memory</h2>
 * <p>Each level lives in its own {@code LevelGroup} (terrain, explored memory, monsters, and the items on its floor
 * in the group's "level::items" pool); {@link LevelCache} keeps visited ones in the engine's streaming budget
 * "levels", and evicting one closes its group. The pack is a pool of its own ({@link Pack}). Distance maps are frame int lists, valid for the turn; the
 * way travel follows is promoted out of them into a pool slot and kept for the next turns ({@link TravelPath}).
 * A turn allocates no Java heap: messages are strings built once ({@link Texts}), subsystems are objects made with
 * the game, state is ints in native memory. Inside a frame, a turn's parts are frame phases: {@value #PHASE_TRAVEL}
 * (the activity's step), {@value #PHASE_MONSTERS}, {@value #PHASE_FOV}, and {@value #PHASE_GENERATE} on a level
 * change.</p>
 *
 * <p>Must be driven inside a frame ({@code frame.begin()}/{@code end()}) on the thread that created it: it keeps that
 * thread's frame arena. Call {@link #beginFrame()} after each {@code begin()} (or play a turn in every frame): a
 * promoted path is picked up in the frame after the one that made it.</p>
 */
public final class Game implements AutoCloseable {
    /** Sight radius in unlit places; lit (torch) cells are seen up to {@link #LIT_SIGHT}. */
    public static final int SIGHT = 8;
    public static final int LIT_SIGHT = 24;
    /** Where the Amulet of Burrow lies. */
    public static final int AMULET_DEPTH = 10;
    /** The deepest depth (the tables' depth ranges end at 99). */
    public static final int MAX_DEPTH = 99;
    /** Time of one action at the player's normal pace (the monsters' energy unit). */
    static final int ACTION_TIME = 100;
    /** Percent chance per turn in deep water that the pack loses an item it does not wear or wield. */
    static final int SWEEP_CHANCE = 50;
    /** Lava damage per turn. */
    static final int LAVA_MIN = 10;
    static final int LAVA_MAX = 20;
    /** Fall damage through a chasm. */
    static final int FALL_MIN = 2;
    static final int FALL_MAX = 5;
    /** Percent chance per turn of searching to find each secret door or hidden trap within {@link #SEARCH_RADIUS}. */
    static final int SEARCH_CHANCE = 40;
    static final int SEARCH_RADIUS = 3;
    /** Percent chance that walking into a secret door finds it. */
    static final int BUMP_FIND_CHANCE = 25;
    /** Turns a monster out of sight stays known: when it shows again within them, travel does not stop for it. */
    static final int SEEN_MEMORY = 20;
    /** How near an unfound secret door must be (and in sight) for the hint to show. */
    static final int HINT_RADIUS = 4;
    /** Frame phases of a turn (nested in whatever phase the caller has open). */
    public static final String PHASE_TRAVEL = "travel";
    public static final String PHASE_MONSTERS = "monsters";
    public static final String PHASE_FOV = "fov";
    public static final String PHASE_GENERATE = "generate";

    /** {@link #state()}: playing. */
    public static final int PLAYING = 0;
    /** {@link #state()}: dead; Enter starts a new game. */
    public static final int DEAD = 1;
    /** {@link #state()}: escaped with the Amulet; Enter starts a new game. */
    public static final int WON = 2;

    private final EngineMemory mem;
    private final Generator gen;
    final GenAssets assets;
    final Population pop;
    final Texts texts;
    final MessageLog log = new MessageLog();
    private final int width;
    private final int height;
    private final long baseSeed;
    final Rng rng;
    private final Fov.Visitor seeCell = this::see;
    final FrameArena frame; // the driving thread's arena, looked up once (a thread-local lookup per turn is not free)
    final Player player = new Player();
    final Pack pack;
    final Combat combat = new Combat(this);
    final Monsters monsters = new Monsters(this);
    final Effects effects = new Effects(this);
    final Travel travel;
    private final LevelCache cache;
    private final String[] groupNames = new String[MAX_DEPTH + 1];
    private final int[] regenerations = new int[MAX_DEPTH + 1];
    private final int amuletType;

    Level level;
    int depth;
    int turn;
    private int state;
    private String cause;
    private int restarts;
    private int levelsMade;
    private int levelChanges;
    private int confirmCell = -1;
    private int fightTarget = -1; // the autopilot's last target cell, so sight flickering at its edge does not stall it
    private int hintCell = -1;
    private boolean hint;
    private boolean hurtThisTurn;
    private int newlySeen;
    private int newlySeenType;

    /**
     * @param mem the engine (levels, pack, scratch)
     * @param assets generator data; must have an item of class amulet
     * @param seed the game's seed
     * @param width level width
     * @param height level height
     */
    public Game(EngineMemory mem, GenAssets assets, long seed, int width, int height) {
        this(mem, assets, seed, width, height, LevelCache.DEFAULT_CAPACITY);
    }

    /**
     * @param keptLevels how many levels stay resident (see {@link LevelCache})
     * @throws IllegalArgumentException when the tables have no amulet (there would be no way to win)
     */
    public Game(EngineMemory mem, GenAssets assets, long seed, int width, int height, int keptLevels) {
        Generator.checkSize(width, height);
        this.mem = mem;
        this.assets = assets;
        this.pop = assets.population();
        this.gen = new Generator(assets);
        this.texts = new Texts(assets);
        this.width = width;
        this.height = height;
        this.baseSeed = seed;
        this.rng = new Rng(seed, 0x6A3E);
        this.frame = mem.frame();
        this.amuletType = pop.firstItemOfClass(ItemType.AMULET);
        if (amuletType < 0) {
            throw new IllegalArgumentException("the population tables have no item of class amulet: the game could not be won");
        }
        for (int d = 1; d <= MAX_DEPTH; d++) {
            groupNames[d] = "level::" + d;
        }
        this.cache = new LevelCache(mem, keptLevels, MAX_DEPTH);
        this.travel = new Travel(this, new TravelPath(mem, frame));
        try {
            this.pack = new Pack(mem, pop);
        } catch (RuntimeException | Error e) {
            travel.path.close();
            throw e;
        }
        try {
            startGame();
        } catch (RuntimeException | Error e) {
            close(); // out of native memory while making the first level: give back what was made so far
            throw e;
        }
    }

    private void startGame() {
        player.reset();
        pack.clear();
        cache.clear();
        level = null;
        java.util.Arrays.fill(regenerations, 0);
        depth = 1;
        turn = 0;
        state = PLAYING;
        cause = null;
        travel.stop();
        giveStartingKit();
        enter(1, ARRIVE_UP_STAIRS);
        if (restarts == 0) {
            log.add(texts.welcome, AMULET_DEPTH, texts.welcomeTail, turn);
        } else {
            log.add(texts.restart, turn);
        }
    }

    private void giveStartingKit() {
        int dagger = pop.find(Population.ITEM, "dagger");
        int leather = pop.find(Population.ITEM, "leather_armour");
        int healing = pop.find(Population.ITEM, "potion_of_healing");
        if (dagger >= 0) {
            pack.equip(pack.give(dagger, 1, 0));
        }
        if (leather >= 0) {
            pack.equip(pack.give(leather, 1, 0));
        }
        if (healing >= 0) {
            pack.give(healing, 1, 0);
        }
    }

    private long levelSeed(int d) {
        return baseSeed * 1_000_003L + d * 7919L + regenerations[d] * 104_729L + restarts * 15_485_863L;
    }

    static final int ARRIVE_UP_STAIRS = 0;
    static final int ARRIVE_DOWN_STAIRS = 1;
    static final int ARRIVE_FALLING = 2;

    /**
     * Moves to depth {@code d}: the kept level if it is resident, else a new one from the depth's seed.
     *
     * @return whether the level was kept (not made anew)
     */
    private boolean enter(int d, int arrive) {
        cache.leave(); // the level left may be evicted from now on: least recently used first
        boolean kept = false;
        Level next = cache.get(d);
        if (next != null) {
            kept = true;
            cache.resume(d);
        } else {
            next = generate(d);
            levelsMade++;
            cache.put(d, next); // kept in the streaming budget, pinned; may evict the least recently used level (its group closes)
            if (d == AMULET_DEPTH && pack.find(ItemType.AMULET) < 0) {
                placeNear(next, next.downX(), next.downY(), amuletType);
            }
        }
        level = next;
        depth = d;
        player.deepest = Math.max(player.deepest, d);
        levelChanges++;
        confirmCell = -1;
        hintCell = -1;
        fightTarget = -1;
        int ax = arrive == ARRIVE_DOWN_STAIRS ? level.downX() : level.upX();
        int ay = arrive == ARRIVE_DOWN_STAIRS ? level.downY() : level.upY();
        placePlayer(ax, ay, arrive == ARRIVE_FALLING);
        clearVisibility();
        updateVisibility();
        return kept;
    }

    private Level generate(int d) {
        boolean phase = beginPhase(PHASE_GENERATE);
        try {
            return gen.generate(mem, groupNames[d], levelSeed(d), d, width, height);
        } finally {
            endPhase(phase); // also when it fails (out of memory): a phase left open is EM012 at end()
        }
    }

    /** Puts the player on the arrival cell, or the nearest free one (a monster may stand on kept stairs). */
    private void placePlayer(int x, int y, boolean random) {
        if (random) {
            player.x = x;
            player.y = y;
            effects.teleport();
            return;
        }
        for (int r = 0; r < 6; r++) {
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    int nx = x + dx;
                    int ny = y + dy;
                    if (level.inBounds(nx, ny) && Terrain.walkable(level.terrain(nx, ny)) && !level.occupied(nx, ny)) {
                        player.x = nx;
                        player.y = ny;
                        return;
                    }
                }
            }
        }
        player.x = x;
        player.y = y;
    }

    /** Places an item on the nearest free cell around (x, y). */
    private static void placeNear(Level l, int x, int y, int type) {
        for (int r = 1; r < 10; r++) {
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    int nx = x + dx;
                    int ny = y + dy;
                    if (l.inBounds(nx, ny) && l.terrain(nx, ny) != Terrain.STAIRS_DOWN && l.terrain(nx, ny) != Terrain.STAIRS_UP
                        && l.items().place(nx, ny, type, 1, 0)) {
                        return;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ turns

    /** Plays an action without an argument. @return whether a turn passed */
    public boolean act(int action) {
        return act(action, -1);
    }

    /**
     * Plays one action (an activity like explore starts here and goes on with {@link #continueActivity()}).
     * Movement into a monster attacks it, into a closed door opens it, into a secret door may find it. After the
     * player, the monsters spend the time the action took.
     *
     * @param action an {@link Action} code
     * @param arg the pack letter (0..25) for {@link Action#USE} and {@link Action#DROP}
     * @return whether a turn passed
     */
    public boolean act(int action, int arg) {
        if (action == Action.NONE || action == Action.QUIT) {
            return false;
        }
        travel.path.settle();
        if (state != PLAYING) {
            if (action == Action.RESTART) {
                restarts++;
                startGame();
                return true;
            }
            return false;
        }
        travel.stop();
        if (action == Action.EXPLORE || action == Action.DESCEND || action == Action.ASCEND) {
            travel.path.prepare(); // may start travel: its path's frame record must outlive the turn's rollback
        }
        long mark = frame.mark();
        try {
            return playerTurn(action, arg);
        } finally {
            frame.rollback(mark);
        }
    }

    /** @return whether a many-turn action (explore, travel, rest, search) is under way */
    public boolean busy() {
        return state == PLAYING && travel.activity() != Travel.NONE;
    }

    /** Plays the next turn of the activity under way. @return whether a turn passed */
    public boolean continueActivity() {
        if (!busy()) {
            return false;
        }
        travel.path.prepare();
        long mark = frame.mark();
        try {
            boolean took = stepActivity();
            if (took) {
                endTurn();
            }
            return took;
        } finally {
            frame.rollback(mark);
        }
    }

    /**
     * Call after each {@code frame.begin()}: picks up the path the last frame promoted (or frees it when it was
     * dropped meanwhile). A game played every frame does it on its own; a frame without a turn needs this.
     */
    public void beginFrame() {
        travel.path.settle();
    }

    private boolean stepActivity() {
        boolean phase = beginPhase(PHASE_TRAVEL);
        try {
            return travel.step();
        } finally {
            endPhase(phase);
        }
    }

    /** Opens a frame phase when a frame is open (the game is also driven outside frames, e.g. while constructed). */
    private boolean beginPhase(String name) {
        if (frame.inFrame()) {
            frame.beginPhase(name);
            return true;
        }
        return false;
    }

    private void endPhase(boolean began) {
        if (began) {
            frame.endPhase();
        }
    }

    /** Stops the activity under way (the player pressed a key). */
    public void interrupt() {
        travel.stop();
    }

    private boolean playerTurn(int action, int arg) {
        boolean took = decide(action, arg);
        if (took) {
            endTurn();
        }
        return took;
    }

    /** The player's part of a turn. @return whether it took time */
    private boolean decide(int action, int arg) {
        if (!Action.isMove(action)) {
            confirmCell = -1;
        }
        switch (action) {
            case Action.WAIT:
                return true;
            case Action.DESCEND:
                if (level.terrain(player.x, player.y) == Terrain.STAIRS_DOWN && depth < MAX_DEPTH) {
                    changeDepth(depth + 1, ARRIVE_UP_STAIRS);
                    log.add(texts.descend, depth, texts.period, turn);
                    return true;
                }
                return startActivity(Travel.TO_DOWN);
            case Action.ASCEND:
                if (level.terrain(player.x, player.y) == Terrain.STAIRS_UP) {
                    return climb();
                }
                return startActivity(Travel.TO_UP);
            case Action.REGENERATE:
                regenerations[depth]++;
                cache.drop(depth);
                level = null;
                enter(depth, ARRIVE_UP_STAIRS);
                log.add(texts.regenerate, turn);
                return true;
            case Action.RESTART:
                return false; // only once the game has ended
            case Action.TOWARD_STAIRS:
                if (player.x == level.downX() && player.y == level.downY()) {
                    return decide(Action.DESCEND, -1);
                }
                return step(stepToward(level.downX(), level.downY()), true);
            case Action.FIGHT: {
                int m = nearestVisibleMonster();
                if (m < 0 && fightTarget >= 0) { // keep after the last target while it stays where it was seen
                    int e = level.entityAt(fightTarget % width, fightTarget / width);
                    m = e >= 0 && level.entity(e, Level.E_KIND) == Population.MONSTER ? e : -1;
                }
                fightTarget = m < 0 ? -1 : level.entity(m, Level.E_Y) * width + level.entity(m, Level.E_X);
                int move = m < 0 ? Action.NONE : stepToward(level.entity(m, Level.E_X), level.entity(m, Level.E_Y));
                // Nothing in sight, or in sight but out of reach (across water): carry on toward the stairs.
                return move != Action.NONE ? step(move, true) : decide(Action.TOWARD_STAIRS, -1);
            }
            case Action.PICKUP:
                return pickUpOrUse();
            case Action.USE:
                return effects.use(arg);
            case Action.DROP:
                return drop(arg);
            case Action.EXPLORE:
                return startActivity(Travel.EXPLORE);
            case Action.REST:
                return startActivity(Travel.REST);
            case Action.SEARCH:
                return startActivity(Travel.SEARCH);
            default:
                return Action.isMove(action) && playerMove(action, true);
        }
    }

    /** Starts an activity and plays its first turn. */
    private boolean startActivity(int what) {
        return travel.start(what) && stepActivity();
    }

    /** The rest of a turn after the player acted: time passes for conditions, health and monsters. */
    private void endTurn() {
        turn++;
        int time = player.hasteTurns > 0 ? ACTION_TIME / 2 : ACTION_TIME;
        tickConditions();
        player.regenerate();
        advanceMonsters(time);
        if (state == PLAYING) {
            terrainUnderfoot();
            monsters.maybeWanderer();
        }
        see();
        if (hurtThisTurn || newlySeen > 0) {
            if (travel.activity() != Travel.NONE && newlySeen > 0) {
                log.add(texts.comesIntoView[newlySeenType], turn);
            }
            travel.stop();
        }
        hurtThisTurn = false;
    }

    private void advanceMonsters(int time) {
        boolean phase = beginPhase(PHASE_MONSTERS);
        try {
            monsters.advance(time);
        } finally {
            endPhase(phase);
        }
    }

    private void see() {
        boolean phase = beginPhase(PHASE_FOV);
        try {
            updateVisibility();
        } finally {
            endPhase(phase);
        }
    }

    private void tickConditions() {
        if (player.hasteTurns > 0 && --player.hasteTurns == 0) {
            log.add(texts.hasteEnds, turn);
        }
        if (player.telepathyTurns > 0 && --player.telepathyTurns == 0) {
            log.add(texts.telepathyEnds, turn);
        }
        if (player.levitationTurns > 0 && --player.levitationTurns == 0) {
            log.add(texts.levitationEnds, turn);
        }
    }

    /** Lava burns, deep water takes things from the pack, a chasm swallows (unless the player floats). */
    private void terrainUnderfoot() {
        if (player.levitationTurns > 0) {
            return;
        }
        int t = level.terrain(player.x, player.y);
        if (t == Terrain.LAVA) {
            log.add(texts.lavaBurn, turn);
            hurt(rng.range(LAVA_MIN, LAVA_MAX), texts.burned);
        } else if (t == Terrain.DEEP_WATER && rng.chance(SWEEP_CHANCE)) {
            sweepAway();
        } else if (t == Terrain.CHASM) {
            log.add(texts.fall, turn);
            hurt(rng.range(FALL_MIN, FALL_MAX), texts.fellToDeath);
            if (state == PLAYING && depth < MAX_DEPTH) {
                changeDepth(depth + 1, ARRIVE_FALLING);
                log.add(texts.descend, depth, texts.period, turn);
            }
        }
    }

    /** A random item the player neither wields nor wears floats away (its pack slot returns to the pool). */
    private void sweepAway() {
        int n = 0;
        for (int i = 0; i < Pack.SLOTS; i++) {
            n += pack.has(i) && !pack.equipped(i) ? 1 : 0;
        }
        if (n == 0) {
            return;
        }
        int pick = rng.nextInt(n);
        for (int i = 0; i < Pack.SLOTS; i++) {
            if (pack.has(i) && !pack.equipped(i) && pick-- == 0) {
                log.add(texts.swept[pack.type(i)], turn);
                pack.remove(i);
                return;
            }
        }
    }

    private boolean changeDepth(int d, int arrive) {
        travel.stop();
        return enter(d, arrive);
    }

    /** Up the stairs: to the level above, or out of the burrow from depth 1 (only with the Amulet). */
    private boolean climb() {
        if (depth > 1) {
            boolean kept = changeDepth(depth - 1, ARRIVE_DOWN_STAIRS);
            log.add(texts.ascend, depth, texts.period, turn);
            log.add(kept ? texts.keptLevel : texts.remadeLevel, turn);
            return true;
        }
        if (pack.find(ItemType.AMULET) < 0) {
            log.add(texts.noAmulet, AMULET_DEPTH, texts.noAmuletTail, turn);
            return false;
        }
        state = WON;
        cause = texts.escaped;
        log.add(texts.escape, turn);
        return true;
    }

    /**
     * Takes damage; at 0 hit points the game ends with {@code why} as the cause.
     *
     * @param why "killed by a goblin", prebuilt
     */
    void hurt(int damage, String why) {
        player.hp -= damage;
        hurtThisTurn = true;
        if (player.hp <= 0) {
            player.hp = 0;
            state = DEAD;
            cause = why;
            travel.stop();
            log.add(texts.youDie, turn);
        }
    }

    /** @return whether the game has ended (dead or won) */
    boolean over() {
        return state != PLAYING;
    }

    // ------------------------------------------------------------------ moving

    /**
     * Moves the player one cell (or attacks, opens, unlocks, searches what is there).
     *
     * @param confirm whether stepping into lava, deep water or a chasm needs a second try (typed moves do;
     *                travel never goes there)
     * @return whether a turn passed
     */
    boolean playerMove(int move, boolean confirm) {
        int nx = player.x + Action.dx(move);
        int ny = player.y + Action.dy(move);
        if (!level.inBounds(nx, ny)) {
            return false;
        }
        int e = level.entityAt(nx, ny);
        if (e >= 0 && level.entity(e, Level.E_KIND) == Population.MONSTER) {
            combat.playerAttacks(e);
            return true;
        }
        int t = level.terrain(nx, ny);
        switch (t) {
            case Terrain.DOOR_CLOSED:
                level.setDoor(level.doorAt(nx, ny), Terrain.DOOR_OPEN);
                log.add(texts.doorOpens, turn);
                return true;
            case Terrain.DOOR_SECRET:
                if (rng.chance(BUMP_FIND_CHANCE)) {
                    level.setDoor(level.doorAt(nx, ny), Terrain.DOOR_CLOSED);
                    log.add(texts.secretFound, turn);
                } else {
                    log.add(texts.wallBump, turn);
                }
                return true;
            case Terrain.DOOR_LOCKED: {
                int key = pack.find(ItemType.KEY);
                if (key < 0) {
                    log.add(texts.locked, turn);
                    return false;
                }
                pack.consumeOne(key);
                level.setDoor(level.doorAt(nx, ny), Terrain.DOOR_OPEN);
                log.add(texts.unlock, turn);
                return true;
            }
            case Terrain.GATE:
                log.add(texts.gateClosed, turn);
                return false;
            default:
                break;
        }
        if (Terrain.liquidOrAbyss(t) && player.levitationTurns == 0) {
            int cell = ny * level.width() + nx;
            if (confirm && confirmCell != cell) {
                confirmCell = cell;
                log.add(t == Terrain.LAVA ? texts.lavaWarn : t == Terrain.CHASM ? texts.chasmWarn : texts.waterWarn, turn);
                return false;
            }
        } else if (!Terrain.walkable(t)) {
            log.add(texts.wallBump, turn);
            return false;
        }
        confirmCell = -1;
        player.x = nx;
        player.y = ny;
        arrive(level.fixtureAt(nx, ny));
        return true;
    }

    /** What happens on arriving at a cell: gold is picked up, traps spring, the rest is announced. */
    private void arrive(int e) {
        int h = level.items().at(player.x, player.y);
        if (h != 0) {
            long r = level.items().record(h);
            int type = ItemRecord.type(r);
            if (pop.item(type).cls() == ItemType.GOLD) {
                int amount = ItemRecord.amount(r);
                player.gold += amount;
                level.items().remove(player.x, player.y);
                log.add(texts.goldFound, amount, texts.goldTail, turn);
            } else {
                log.add(texts.seeItem[type], turn);
            }
        }
        if (e >= 0 && level.entity(e, Level.E_KIND) == Population.FEATURE) {
            int type = level.entity(e, Level.E_TYPE);
            if (pop.feature(type).kind() == FeatureType.TRAP) {
                effects.springTrap(e);
            } else {
                log.add(texts.featureHere[type], turn);
            }
        }
    }

    private boolean step(int move, boolean confirm) {
        if (move == Action.NONE) {
            return true; // nowhere to go: wait
        }
        return playerMove(move, confirm);
    }

    /** @return the move one step down the walking distance (through doors) toward (tx, ty), or NONE */
    private int stepToward(int tx, int ty) {
        FrameIntList dist = DistanceMap.map(frame, level);
        FrameIntList queue = DistanceMap.queue(frame, level);
        DistanceMap.seed(dist, queue, ty * width + tx);
        DistanceMap.run(level, dist, queue, DistanceMap.ANY, Integer.MAX_VALUE, pop);
        return DistanceMap.downhill(dist, level, player.x, player.y);
    }

    // ------------------------------------------------------------------ items

    private boolean pickUpOrUse() {
        if (level.items().at(player.x, player.y) != 0) {
            return pickUp();
        }
        int e = level.fixtureAt(player.x, player.y);
        if (e >= 0 && level.entity(e, Level.E_KIND) == Population.FEATURE) {
            return effects.useFeature(e);
        }
        log.add(texts.nothingHere, turn);
        return false;
    }

    /** Moves the item under the player into the pack. @return whether a turn passed */
    boolean pickUp() {
        int h = level.items().at(player.x, player.y);
        if (h == 0) {
            log.add(texts.nothingHere, turn);
            return false;
        }
        long r = level.items().record(h);
        int type = ItemRecord.type(r);
        int slot = pack.add(r);
        if (slot < 0) {
            log.add(texts.packFull, turn);
            return false;
        }
        level.items().remove(player.x, player.y); // the floor's slot goes back to the level's pool
        log.addLetter(texts.pickedUp[type], slot, texts.letterClose, turn);
        return true;
    }

    private boolean drop(int slot) {
        if (!pack.has(slot)) {
            return false;
        }
        int type = pack.type(slot);
        if (!dropNear(pack.record(slot))) {
            log.add(texts.dropNoRoom, turn);
            return false;
        }
        pack.remove(slot);
        log.add(texts.dropped[type], turn);
        return true;
    }

    /** Puts a copy of a pack record here, or on the first free cell next to here. @return whether it found room */
    private boolean dropNear(long record) {
        for (int k = 0; k < 9; k++) {
            int x = player.x + (k == 0 ? 0 : Action.dx(Action.MOVE_N + k - 1));
            int y = player.y + (k == 0 ? 0 : Action.dy(Action.MOVE_N + k - 1));
            if (level.inBounds(x, y) && level.items().placeCopy(x, y, record)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ sight

    /** One turn of searching. @return whether something was found */
    boolean search() {
        boolean found = false;
        for (int dy = -SEARCH_RADIUS; dy <= SEARCH_RADIUS; dy++) {
            for (int dx = -SEARCH_RADIUS; dx <= SEARCH_RADIUS; dx++) {
                int x = player.x + dx;
                int y = player.y + dy;
                if (!level.inBounds(x, y) || !rng.chance(SEARCH_CHANCE)) {
                    continue;
                }
                if (level.terrain(x, y) == Terrain.DOOR_SECRET) {
                    level.setDoor(level.doorAt(x, y), Terrain.DOOR_CLOSED);
                    log.add(texts.secretFound, turn);
                    found = true;
                }
                int e = level.fixtureAt(x, y);
                if (e >= 0 && level.entity(e, Level.E_KIND) == Population.FEATURE
                    && (level.entity(e, Level.E_STATE) & Level.FEATURE_HIDDEN) != 0) {
                    level.setEntity(e, Level.E_STATE, level.entity(e, Level.E_STATE) & ~Level.FEATURE_HIDDEN);
                    level.mapChanged();
                    log.add(texts.trapFound, turn);
                    found = true;
                }
            }
        }
        return found;
    }

    /** @return the nearest monster the player sees, or -1 */
    int nearestVisibleMonster() {
        int best = -1;
        int bestD = Integer.MAX_VALUE;
        for (int i = 0; i < level.entityCount(); i++) {
            if (level.entity(i, Level.E_KIND) != Population.MONSTER) {
                continue;
            }
            int mx = level.entity(i, Level.E_X);
            int my = level.entity(i, Level.E_Y);
            if ((level.flags(mx, my) & Level.VISIBLE) == 0) {
                continue;
            }
            int d = Math.max(Math.abs(mx - player.x), Math.abs(my - player.y));
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** @return whether an awake monster is in view (travel and explore will not start then) */
    public boolean awakeMonsterInView() {
        for (int i = 0; i < level.entityCount(); i++) {
            if (level.entity(i, Level.E_KIND) == Population.MONSTER && Monsters.hunting(level, i)
                && (level.flags(level.entity(i, Level.E_X), level.entity(i, Level.E_Y)) & Level.VISIBLE) != 0) {
                return true;
            }
        }
        return false;
    }

    private void clearVisibility() {
        int cells = width * height;
        for (int i = 0; i < cells; i++) {
            int f = level.flagsAt(i);
            if ((f & Level.VISIBLE) != 0) {
                level.setFlagsAt(i, f & ~Level.VISIBLE);
            }
        }
    }

    /**
     * Recomputes what the player sees: VISIBLE this turn, REMEMBERED for good; notes monsters that just came into
     * view (they stop travel) and whether an unfound secret door is near enough for the hint.
     */
    private void updateVisibility() {
        clearVisibility();
        Fov.compute(level, player.x, player.y, LIT_SIGHT, seeCell);
        newlySeen = 0;
        for (int i = 0; i < level.entityCount(); i++) {
            if (level.entity(i, Level.E_KIND) != Population.MONSTER) {
                continue;
            }
            boolean visible = (level.flags(level.entity(i, Level.E_X), level.entity(i, Level.E_Y)) & Level.VISIBLE) != 0;
            if (!visible) {
                continue;
            }
            // New in view: not seen for a while (a monster at the edge of sight that flickers in and out of view,
            // or one that cannot reach the player, must not stop every step of travel).
            int seen = level.entity(i, Level.E_SEEN);
            if (seen == 0 || turn + 1 - seen > SEEN_MEMORY) {
                newlySeen++;
                newlySeenType = level.entity(i, Level.E_TYPE);
            }
            level.setEntity(i, Level.E_SEEN, turn + 1);
        }
        updateHint();
    }

    private void updateHint() {
        hint = false;
        for (int dy = -HINT_RADIUS; dy <= HINT_RADIUS && !hint; dy++) {
            for (int dx = -HINT_RADIUS; dx <= HINT_RADIUS; dx++) {
                int x = player.x + dx;
                int y = player.y + dy;
                if (level.inBounds(x, y) && level.terrain(x, y) == Terrain.DOOR_SECRET && (level.flags(x, y) & Level.VISIBLE) != 0) {
                    hint = true;
                    int cell = y * width + x;
                    if (cell != hintCell) {
                        hintCell = cell;
                        log.add(texts.hint, turn);
                    }
                    break;
                }
            }
        }
    }

    private void see(int x, int y) {
        int dx = x - player.x;
        int dy = y - player.y;
        if (dx * dx + dy * dy <= SIGHT * SIGHT || (level.flags(x, y) & Level.LIT) != 0) {
            level.addFlags(x, y, Level.VISIBLE | Level.REMEMBERED);
        }
    }

    // ------------------------------------------------------------------ what the screen reads

    /** @return the current level */
    public Level level() { return level; }

    /** @return the player */
    public Player player() { return player; }

    /** @return the pack */
    public Pack pack() { return pack; }

    /** @return the player's column */
    public int playerX() { return player.x; }

    /** @return the player's row */
    public int playerY() { return player.y; }

    /** @return hit points */
    public int hp() { return player.hp; }

    /** @return maximum hit points */
    public int maxHp() { return player.maxHp; }

    /** @param value new maximum (and current) hit points, for scripted sessions that must not die */
    public void setMaxHp(int value) {
        player.maxHp = value;
        player.hp = value;
    }

    /** @return dungeon depth */
    public int depth() { return depth; }

    /** @return turns played */
    public int turn() { return turn; }

    /** @return monsters killed */
    public int kills() { return player.kills; }

    /** @return levels generated so far */
    public int levelsMade() { return levelsMade; }

    /** @return level changes so far (descents, climbs, falls, regenerations, new games) */
    public int levelChanges() { return levelChanges; }

    /** @return travel and explore searches that made a path (see {@link TravelPath}) */
    public long pathSearches() { return travel.path.searches(); }

    /** @return paths promoted out of frame memory and followed on later turns */
    public long pathsPromoted() { return travel.path.promoted(); }

    /** @return steps walked from a kept path instead of a new search */
    public long pathStepsFollowed() { return travel.path.followed(); }

    /** @return path promotions that failed (those turns searched again) */
    public long pathPromotionsFailed() { return travel.path.failed(); }

    /** @return whether the player is dead */
    public boolean dead() { return state == DEAD; }

    /** @return {@link #PLAYING}, {@link #DEAD} or {@link #WON} */
    public int state() { return state; }

    /** @return how the game ended ("killed by a goblin"), or null while playing */
    public String cause() { return cause; }

    /** @return games started before this one */
    public int restarts() { return restarts; }

    /** @return the message log */
    public MessageLog log() { return log; }

    /** @return the sentences (names and descriptions for the screen) */
    public Texts texts() { return texts; }

    /** @return the generator's assets */
    public GenAssets assets() { return assets; }

    /** @return the kept levels */
    public LevelCache cache() { return cache; }

    /** @return the game's seed */
    public long seed() { return baseSeed; }

    /** @return whether an unfound secret door is near and in sight */
    public boolean hint() { return hint; }

    /** @param e an entity index of a monster @return whether it is awake and after the player */
    public boolean awake(int e) { return Monsters.hunting(level, e); }

    /** @return whether a monster at a cell shows (seen now, or sensed by telepathy) */
    public boolean shows(int x, int y) {
        return (level.flags(x, y) & Level.VISIBLE) != 0 || player.telepathyTurns > 0;
    }

    /** @return what is under way: 0 nothing, else explore, travel down, travel up, rest, search (1..5) */
    public int activity() { return travel.activity(); }

    /** @return the accuracy of the player's blows before a target's defence */
    public int accuracy() { return combat.playerAccuracy(); }

    /** @return the player's defence */
    public int defence() { return combat.playerDefence(); }

    /** @return the least damage of the player's blow */
    public int damageMin() { return combat.playerDamageMin(); }

    /** @return the most damage of the player's blow */
    public int damageMax() { return combat.playerDamageMax(); }

    /** @return the score so far (see {@link Score}) */
    public int score() { return Score.of(this); }

    /** Frees every kept level and the pack. */
    @Override
    public void close() {
        cache.close();
        level = null;
        travel.path.close();
        pack.close();
    }
}
