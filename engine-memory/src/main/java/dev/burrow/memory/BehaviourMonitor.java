package dev.burrow.memory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The behaviour report: once a frame (at the end of the watching thread's frame), over a sliding window, it compares
 * how allocators are used with what they are for. Opt-in with {@link EngineMemory#watchBehaviour}; when off, the
 * only cost is one field test per frame end of that thread.
 *
 * <ul>
 *   <li>{@code EM801} a pool whose slots live less than {@code slotLifetimeFrames} on average (Little's law: live
 *       slots / allocations per frame), at a real rate: frame memory is cheaper.</li>
 *   <li>{@code EM802} a thread that promotes frame allocations in nearly every frame: allocate them where they live.</li>
 *   <li>{@code EM803} level groups created and closed every few frames: keep them for the level, or use frames.</li>
 *   <li>{@code EM804} a frame arena whose high water is near its block in many frames: it is about to overflow.</li>
 *   <li>{@code EM805} a budgeted tag whose live bytes trend towards its hard budget.</li>
 * </ul>
 * Each finding is a warning diagnostic (so {@code BURROW_STRICT=warning} makes it fail a CI run) and stays in
 * {@link #findings()} with its latest numbers.
 */
final class BehaviourMonitor {
    private final EngineMemory engine;
    private final Diagnostics diagnostics;
    private final BehaviourConfig config;
    private final Map<Pool, long[]> poolStart = new IdentityHashMap<>(); // {allocs at window start, live sum}
    private Pool[] pools = new Pool[16];
    private int poolCount;
    private final Map<String, long[]> tagTrend = new LinkedHashMap<>();   // {first live, last live} in window
    private final Map<String, BehaviourFinding> findings = new LinkedHashMap<>();
    private final MemorySnapshot snap = new MemorySnapshot();
    private int framesInWindow;
    private long groupsClosedAtStart;
    private int promotingFrames;
    private int nearFullFrames;
    private long frame;

    private final FrameArena watched;

    BehaviourMonitor(EngineMemory engine, Diagnostics diagnostics, BehaviourConfig config, FrameArena watched) {
        this.watched = watched;
        this.engine = engine;
        this.groupsClosedAtStart = engine.groupsClosedCount();
        this.diagnostics = diagnostics;
        this.config = config;
    }

    /** Called at the end of each frame of the watching thread. */
    void frameEnded(FrameArena watched) {
        if (watched != this.watched) {
            return;
        }
        frame = watched.frameNumber();
        engine.snapshot(snap);
        if (watched.lastFramePromoted() > 0) {
            promotingFrames++;
        }
        if (watched.capacity() > 0 && watched.used() >= config.highWaterRatio() * watched.capacity()) {
            nearFullFrames++;
        }
        pools = engine.pools(pools);
        poolCount = engine.poolCount(pools);
        for (int i = 0; i < poolCount; i++) {
            Pool pool = pools[i];
            long[] s = poolStart.get(pool);
            if (s == null) {
                s = new long[] {pool.allocs(), 0};
                poolStart.put(pool, s);
            }
            s[1] += pool.live();
        }
        for (int i = 0; i < snap.tagCount(); i++) {
            MemorySnapshot.TagStats t = snap.tag(i);
            if (t.hardBytes() != Long.MAX_VALUE) {
                long[] tr = tagTrend.computeIfAbsent(t.name(), k -> new long[] {t.liveBytes(), 0});
                tr[1] = t.liveBytes();
            }
        }
        if (++framesInWindow >= config.windowFrames()) {
            judge(watched);
        }
    }

    private void judge(FrameArena watched) {
        int n = framesInWindow;
        for (int i = 0; i < poolCount; i++) {
            Pool p = pools[i];
            long[] s = poolStart.get(p);
            if (s == null) {
                continue;
            }
            double allocsPerFrame = (double) (p.allocs() - s[0]) / n;
            double lifetime = allocsPerFrame == 0 ? Double.POSITIVE_INFINITY : ((double) s[1] / n) / allocsPerFrame;
            if (allocsPerFrame >= config.minAllocsPerFrame() && lifetime < config.slotLifetimeFrames()) {
                found(DiagnosticCode.EM801, "pool \"" + p.name() + "\"", String.format("%.0f allocations a frame, slots live %.2f frames on average", allocsPerFrame, lifetime),
                    String.format("%.2f frames", config.slotLifetimeFrames()), "allocate these in the frame arena");
            }
        }
        if (promotingFrames >= n * 9 / 10) {
            found(DiagnosticCode.EM802, "frame arena of thread \"" + watched.threadName() + "\"",
                promotingFrames + " of " + n + " frames promoted allocations", "90% of frames",
                "allocate what you keep in a pool or the level group directly instead of promoting it every frame");
        }
        long closed = snap.groupsClosed() - groupsClosedAtStart;
        if (closed > 0 && (double) n / closed < config.groupLifetimeFrames()) {
            found(DiagnosticCode.EM803, "level groups", closed + " groups closed in " + n + " frames ("
                + String.format("%.1f", (double) n / closed) + " frames each)", config.groupLifetimeFrames() + " frames",
                "keep a group for the level's lifetime; per-frame scratch belongs in the frame arena");
        }
        if (nearFullFrames >= config.highWaterFrameShare() * n) {
            found(DiagnosticCode.EM804, "frame arena of thread \"" + watched.threadName() + "\"", nearFullFrames + " of " + n
                + " frames used over " + Math.round(config.highWaterRatio() * 100) + "% of its " + watched.capacity() + "-byte block",
                Math.round(config.highWaterFrameShare() * 100) + "% of frames", "raise MemoryConfig.frameArenaBytes before it overflows");
        }
        for (int i = 0; i < snap.tagCount(); i++) {
            MemorySnapshot.TagStats t = snap.tag(i);
            long[] tr = tagTrend.get(t.name());
            if (tr == null || t.hardBytes() == Long.MAX_VALUE) {
                continue;
            }
            double slope = (double) (tr[1] - tr[0]) / (n - 1); // first and last frame end of the window
            if (slope > 0 && tr[1] + slope * config.budgetHorizonFrames() >= t.hardBytes()) {
                found(DiagnosticCode.EM805, "tag \"" + t.name() + "\"", String.format("+%.0f bytes a frame, at %d of %d bytes", slope, tr[1], t.hardBytes()),
                    "reaching the hard budget within " + config.budgetHorizonFrames() + " frames",
                    "look for a leak or an unbounded cache under this tag");
            }
        }
        framesInWindow = 0;
        promotingFrames = 0;
        nearFullFrames = 0;
        groupsClosedAtStart = snap.groupsClosed();
        poolStart.clear();
        tagTrend.clear();
        java.util.Arrays.fill(pools, null); // no pool kept alive past its close
    }

    private void found(DiagnosticCode code, String subject, String seen, String threshold, String suggestion) {
        BehaviourFinding f = new BehaviourFinding(code, subject, seen, threshold, suggestion, frame);
        synchronized (findings) {
            findings.put(code.name() + subject, f);
        }
        diagnostics.report(code, subject + ": " + seen + " (threshold " + threshold + "; " + suggestion + ")", null,
            code.name() + subject);
    }

    List<BehaviourFinding> findings() {
        synchronized (findings) {
            return new ArrayList<>(findings.values());
        }
    }
}
