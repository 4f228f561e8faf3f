package dev.burrow.memory;

/**
 * How much checking engine-memory does, and what it costs. Modelled on Netty's leak-detection levels.
 *
 * <table>
 *   <caption>Cost and coverage per level</caption>
 *   <tr><th>level</th><th>costs</th><th>catches</th></tr>
 *   <tr><td>{@link #OFF}</td><td>counters only</td><td>budget overrun</td></tr>
 *   <tr><td>{@link #SIMPLE}</td><td>poison on pool free and frame end, sites for group allocations and pool
 *       slab growth (never per frame)</td><td>double free, stale handle, use of a closed group, use-after-free writes,
 *       leaks with a sampled site</td></tr>
 *   <tr><td>{@link #PARANOID}</td><td>a site per allocation (heap garbage), guard bytes checked on free</td>
 *       <td>everything above, every leak with its site, overruns, cross-thread misuse</td></tr>
 * </table>
 */
public enum DebugLevel {
    /** Counters only: the cheapest level, for shipping builds. */
    OFF,
    /** The default: poisoning and double-free/stale checks, sites only where they cost nothing per frame. */
    SIMPLE,
    /** Every allocation site, guard bytes and owner-thread checks on every operation. Allocates Java heap. */
    PARANOID;

    /**
     * Parses {@code off|simple|paranoid} (any case).
     *
     * @param text the level name
     * @return the level
     * @throws IllegalArgumentException naming the accepted values when {@code text} is not one of them
     */
    public static DebugLevel parse(String text) {
        for (DebugLevel level : values()) {
            if (level.name().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown debug level '" + text + "' (expected off, simple or paranoid)");
    }
}
