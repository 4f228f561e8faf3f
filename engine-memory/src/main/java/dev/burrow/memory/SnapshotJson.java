package dev.burrow.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON that {@link MemorySnapshot#toJson()} writes (schema 1 .. {@link MemorySnapshot#SCHEMA_VERSION})
 * back into a {@link MemorySnapshot}, for tools that compare a saved snapshot with a live one.
 *
 * <p>Files come from disk, so anything may be in them: every problem is one {@link IllegalArgumentException}
 * whose message says where (line and column for syntax, the field path such as {@code pools[2].live} for content)
 * and what was expected. Unknown fields are ignored (a newer writer may add some); a newer schema is refused. Byte
 * sizes and counts must be non-negative whole numbers. Nesting deeper than {@value #MAX_DEPTH} levels is refused
 * before it can exhaust the stack.</p>
 *
 * <p>Not for hot paths: it builds a small tree of Java objects.</p>
 */
final class SnapshotJson {
    static final int MAX_DEPTH = 32;
    private static final Object NULL = new Object();

    private final String text;
    private int at;

    private SnapshotJson(String text) {
        this.text = text;
    }

    /**
     * @param json the text of a snapshot file
     * @return the snapshot it describes ({@link MemorySnapshot#takenAtNanos()} is 0: the file does not record it)
     * @throws IllegalArgumentException naming the first problem found
     */
    static MemorySnapshot read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no snapshot text (null)");
        }
        SnapshotJson p = new SnapshotJson(json);
        p.skipSpace();
        if (p.at == json.length()) {
            throw new IllegalArgumentException("empty file: expected a snapshot JSON object");
        }
        Object root = p.value(0);
        p.skipSpace();
        if (p.at != json.length()) {
            throw p.error("unexpected text after the snapshot object");
        }
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("not a Burrow snapshot: the file is not a JSON object");
        }
        return fill(asMap(root));
    }

    // ---- syntax ------------------------------------------------------------------------------------------------

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end of file");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        at++; // '{'
        skipSpace();
        if (peek() == '}') {
            at++;
            return m;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name in double quotes");
            }
            String key = string();
            skipSpace();
            expect(':');
            m.put(key, value(depth + 1));
            skipSpace();
            char c = peek();
            at++;
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                at--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> l = new ArrayList<>();
        at++; // '['
        skipSpace();
        if (peek() == ']') {
            at++;
            return l;
        }
        while (true) {
            l.add(value(depth + 1));
            skipSpace();
            char c = peek();
            at++;
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                at--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        at++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                at--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    if (at + 4 > text.length()) {
                        throw error("unterminated \\u escape");
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(text.charAt(at + k), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        v = v * 16 + d;
                    }
                    at += 4;
                    b.append((char) v);
                    break;
                default:
                    at--;
                    throw error("unknown escape '\\" + printable(e) + "'");
            }
        }
    }

    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        boolean fraction = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                fraction = true;
                at++;
            } else {
                break;
            }
        }
        String n = text.substring(start, at);
        try {
            if (!fraction) {
                return Long.parseLong(n);
            }
            double d = Double.parseDouble(n);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            at = start;
            throw error("bad number '" + (n.length() > 24 ? n.substring(0, 24) + "..." : n) + "'");
        }
    }

    private Object literal(String word, Object v) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word (expected " + word + ")");
        }
        at += word.length();
        return v;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end of file");
        }
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException("line " + line + ", column " + col + ": " + what);
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
    }

    // ---- content -----------------------------------------------------------------------------------------------

    private static MemorySnapshot fill(Map<String, Object> root) {
        if (!root.containsKey("schema")) {
            throw new IllegalArgumentException("not a Burrow snapshot: no \"schema\" field");
        }
        long schema = whole(root, "schema", "schema");
        if (schema < 1 || schema > MemorySnapshot.SCHEMA_VERSION) {
            throw new IllegalArgumentException("snapshot schema " + schema + " is not supported (this build reads 1.."
                + MemorySnapshot.SCHEMA_VERSION + ")");
        }
        MemorySnapshot s = new MemorySnapshot();
        s.allocator = text(root, "allocator", "allocator", "");
        String debug = text(root, "debug", "debug", "simple");
        try {
            s.debug = DebugLevel.parse(debug);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("debug: " + e.getMessage());
        }
        s.strict = bool(root, "strict", "strict");
        Map<String, Object> nat = map(root, "native", "native", true);
        s.nativeBytes = size(nat, "bytes", "native.bytes", true);
        s.nativePeakBytes = size(nat, "peakBytes", "native.peakBytes", false);
        s.nativeBlocks = size(nat, "blocks", "native.blocks", false);
        s.nativeMallocs = size(nat, "mallocs", "native.mallocs", false);
        s.nativeFrees = size(nat, "frees", "native.frees", false);
        s.groupsClosed = size(root, "groupsClosed", "groupsClosed", false);

        List<Object> frames = list(root, "frames");
        s.frames = new MemorySnapshot.FrameStats[frames.size()];
        s.frameCount = frames.size();
        for (int i = 0; i < frames.size(); i++) {
            String at = "frames[" + i + "]";
            Map<String, Object> o = element(frames.get(i), at);
            MemorySnapshot.FrameStats f = new MemorySnapshot.FrameStats();
            f.thread = name(o, "thread", at);
            f.capacityBytes = size(o, "capacityBytes", at + ".capacityBytes", false);
            f.usedBytes = size(o, "usedBytes", at + ".usedBytes", false);
            f.highWaterBytes = size(o, "highWaterBytes", at + ".highWaterBytes", false);
            f.overflows = size(o, "overflows", at + ".overflows", false);
            f.frames = size(o, "frames", at + ".frames", false);
            f.heapBytesLastFrame = size(o, "heapBytesLastFrame", at + ".heapBytesLastFrame", false);
            f.allocsLastFrame = size(o, "allocsLastFrame", at + ".allocsLastFrame", false);
            f.inFrame = bool(o, "inFrame", at + ".inFrame");
            long budget = budget(o, "budgetBytes", at + ".budgetBytes");
            f.budgetBytes = budget == Long.MAX_VALUE ? -1 : budget;
            f.overBudgetFrames = size(o, "overBudgetFrames", at + ".overBudgetFrames", false);
            f.promotedLastFrame = (int) count(o, "promotedLastFrame", at);
            f.promotedBytesLastFrame = size(o, "promotedBytesLastFrame", at + ".promotedBytesLastFrame", false);
            f.promotionsFailedLastFrame = (int) count(o, "promotionsFailedLastFrame", at);
            List<Object> phases = list(o, "phases");
            f.phases = new MemorySnapshot.PhaseStats[phases.size()];
            f.phaseCount = phases.size();
            for (int j = 0; j < phases.size(); j++) {
                String pat = at + ".phases[" + j + "]";
                Map<String, Object> po = element(phases.get(j), pat);
                MemorySnapshot.PhaseStats ph = new MemorySnapshot.PhaseStats();
                ph.name = name(po, "name", pat);
                ph.lastBytes = size(po, "lastBytes", pat + ".lastBytes", false);
                ph.lastAllocs = size(po, "lastAllocs", pat + ".lastAllocs", false);
                ph.lastHighWaterBytes = size(po, "lastHighWaterBytes", pat + ".lastHighWaterBytes", false);
                ph.peakBytes = size(po, "peakBytes", pat + ".peakBytes", false);
                ph.peakAllocs = size(po, "peakAllocs", pat + ".peakAllocs", false);
                ph.peakHighWaterBytes = size(po, "peakHighWaterBytes", pat + ".peakHighWaterBytes", false);
                f.phases[j] = ph;
            }
            s.frames[i] = f;
        }
        List<Object> pools = list(root, "pools");
        s.pools = new MemorySnapshot.PoolStats[pools.size()];
        s.poolCount = pools.size();
        for (int i = 0; i < pools.size(); i++) {
            String at = "pools[" + i + "]";
            Map<String, Object> o = element(pools.get(i), at);
            MemorySnapshot.PoolStats p = new MemorySnapshot.PoolStats();
            p.name = name(o, "name", at);
            p.slotBytes = (int) count(o, "slotBytes", at);
            p.live = (int) count(o, "live", at);
            p.peakLive = (int) count(o, "peakLive", at);
            p.capacity = (int) count(o, "capacity", at);
            p.slabs = (int) count(o, "slabs", at);
            p.retired = (int) count(o, "retired", at);
            p.reservedBytes = size(o, "reservedBytes", at + ".reservedBytes", false);
            p.allocs = size(o, "allocs", at + ".allocs", false);
            p.frees = size(o, "frees", at + ".frees", false);
            p.inGroup = bool(o, "inGroup", at + ".inGroup");
            p.concurrent = bool(o, "concurrent", at + ".concurrent");
            p.compactions = size(o, "compactions", at + ".compactions", false);
            p.slabsReturned = size(o, "slabsReturned", at + ".slabsReturned", false);
            p.slotsMoved = size(o, "slotsMoved", at + ".slotsMoved", false);
            p.pinned = (int) count(o, "pinned", at);
            p.kept = (int) count(o, "kept", at);
            s.pools[i] = p;
        }
        List<Object> groups = list(root, "groups");
        s.groups = new MemorySnapshot.GroupStats[groups.size()];
        s.groupCount = groups.size();
        for (int i = 0; i < groups.size(); i++) {
            String at = "groups[" + i + "]";
            Map<String, Object> o = element(groups.get(i), at);
            MemorySnapshot.GroupStats g = new MemorySnapshot.GroupStats();
            g.name = name(o, "name", at);
            g.bytes = size(o, "bytes", at + ".bytes", false);
            g.reservedBytes = size(o, "reservedBytes", at + ".reservedBytes", false);
            g.chunks = (int) count(o, "chunks", at);
            g.allocs = size(o, "allocs", at + ".allocs", false);
            g.pools = (int) count(o, "pools", at);
            s.groups[i] = g;
        }
        readHeaps(s, root);
        readStreaming(s, root);
        List<Object> tags = list(root, "tags");
        s.tags = new MemorySnapshot.TagStats[tags.size()];
        s.tagCount = tags.size();
        for (int i = 0; i < tags.size(); i++) {
            String at = "tags[" + i + "]";
            Map<String, Object> o = element(tags.get(i), at);
            MemorySnapshot.TagStats t = new MemorySnapshot.TagStats();
            t.name = name(o, "name", at);
            t.liveBytes = size(o, "liveBytes", at + ".liveBytes", false);
            t.peakBytes = size(o, "peakBytes", at + ".peakBytes", false);
            t.allocs = size(o, "allocs", at + ".allocs", false);
            t.frees = size(o, "frees", at + ".frees", false);
            t.softBytes = budget(o, "softBytes", at + ".softBytes");
            t.hardBytes = budget(o, "hardBytes", at + ".hardBytes");
            s.tags[i] = t;
        }
        Map<String, Object> diagnostics = map(root, "diagnostics", "diagnostics", false);
        if (diagnostics != null) {
            for (DiagnosticCode c : DiagnosticCode.values()) {
                if (diagnostics.containsKey(c.name())) {
                    s.diagnosticCounts[c.ordinal()] = size(diagnostics, c.name(), "diagnostics." + c.name(), true);
                }
            }
        }
        List<Object> recent = list(root, "recentDiagnostics");
        // The newest are kept when a file holds more than the snapshot can.
        int from = Math.max(0, recent.size() - s.recent.length);
        for (int i = from; i < recent.size(); i++) {
            Object v = recent.get(i);
            if (!(v instanceof String)) {
                throw new IllegalArgumentException("recentDiagnostics[" + i + "]: expected a string");
            }
            s.recent[s.recentCount++] = (String) v;
        }
        return s;
    }

    private static void readHeaps(MemorySnapshot s, Map<String, Object> root) {
        List<Object> heaps = list(root, "heaps");
        s.heaps = new MemorySnapshot.HeapStats[heaps.size()];
        s.heapCount = heaps.size();
        for (int i = 0; i < heaps.size(); i++) {
            String at = "heaps[" + i + "]";
            Map<String, Object> o = element(heaps.get(i), at);
            MemorySnapshot.HeapStats h = new MemorySnapshot.HeapStats();
            h.name = name(o, "name", at);
            h.thread = name(o, "thread", at);
            h.lwjgl = bool(o, "lwjgl", at + ".lwjgl");
            h.retired = bool(o, "retired", at + ".retired");
            h.liveBlocks = size(o, "liveBlocks", at + ".liveBlocks", false);
            h.liveBytes = size(o, "liveBytes", at + ".liveBytes", false);
            h.largeBlocks = size(o, "largeBlocks", at + ".largeBlocks", false);
            h.largeBytes = size(o, "largeBytes", at + ".largeBytes", false);
            h.reservedBytes = size(o, "reservedBytes", at + ".reservedBytes", false);
            h.allocs = size(o, "allocs", at + ".allocs", false);
            h.frees = size(o, "frees", at + ".frees", false);
            List<Object> classes = list(o, "classes");
            for (int j = 0; j < classes.size(); j++) {
                String cat = at + ".classes[" + j + "]";
                Map<String, Object> c = element(classes.get(j), cat);
                long bytes = size(c, "bytes", cat + ".bytes", true);
                int k = 0;
                while (k < SizeClasses.COUNT && SizeClasses.BYTES[k] != bytes) {
                    k++;
                }
                if (k == SizeClasses.COUNT) {
                    throw new IllegalArgumentException(cat + ".bytes: " + bytes + " is not a size class");
                }
                h.classLive[k] = (int) count(c, "live", cat);
                h.classCapacity[k] = (int) count(c, "capacity", cat);
                h.classSlabs[k] = (int) count(c, "slabs", cat);
            }
            s.heaps[i] = h;
        }
        Map<String, Object> lwjgl = map(root, "lwjgl", "lwjgl", false);
        if (lwjgl != null) {
            s.lwjglInstalled = bool(lwjgl, "installed", "lwjgl.installed");
            s.lwjglAttached = bool(lwjgl, "attached", "lwjgl.attached");
            s.lwjglUntrackedBlocks = size(lwjgl, "untrackedBlocks", "lwjgl.untrackedBlocks", false);
            s.lwjglUntrackedBytes = size(lwjgl, "untrackedBytes", "lwjgl.untrackedBytes", false);
            s.lwjglStrangerFrees = size(lwjgl, "strangerFrees", "lwjgl.strangerFrees", false);
        }
    }

    private static void readStreaming(MemorySnapshot s, Map<String, Object> root) {
        List<Object> budgets = list(root, "streaming");
        s.streaming = new MemorySnapshot.StreamingStats[budgets.size()];
        s.streamingCount = budgets.size();
        for (int i = 0; i < budgets.size(); i++) {
            String at = "streaming[" + i + "]";
            Map<String, Object> o = element(budgets.get(i), at);
            MemorySnapshot.StreamingStats t = new MemorySnapshot.StreamingStats();
            t.name = name(o, "name", at);
            t.capacityBytes = size(o, "capacityBytes", at + ".capacityBytes", false);
            t.usedBytes = size(o, "usedBytes", at + ".usedBytes", false);
            t.pinned = (int) count(o, "pinned", at);
            t.evictions = size(o, "evictions", at + ".evictions", false);
            t.evictedBytes = size(o, "evictedBytes", at + ".evictedBytes", false);
            t.refusals = size(o, "refusals", at + ".refusals", false);
            List<Object> entries = list(o, "entries");
            t.ensure(entries.size());
            t.entryCount = entries.size();
            // The file keeps ages, not the clock: a clock of 0 with last uses of -age gives the same ages back.
            t.clock = 0;
            for (int k = 0; k < entries.size(); k++) {
                String eat = at + ".entries[" + k + "]";
                Map<String, Object> e = element(entries.get(k), eat);
                t.entryNames[k] = name(e, "name", eat);
                t.entryBytes[k] = size(e, "bytes", eat + ".bytes", false);
                long priority = whole(e, "priority", eat + ".priority");
                if (priority < Integer.MIN_VALUE || priority > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(eat + ".priority: " + priority + " is out of range");
                }
                t.entryPriority[k] = (int) priority;
                t.entryPinned[k] = bool(e, "pinned", eat + ".pinned");
                t.entryLastUse[k] = -size(e, "age", eat + ".age", false);
            }
            s.streaming[i] = t;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(key + ": expected an array");
        }
        return (List<Object>) v;
    }

    private static Map<String, Object> element(Object v, String at) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(at + ": expected an object");
        }
        return asMap(v);
    }

    private static Map<String, Object> map(Map<String, Object> o, String key, String at, boolean required) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            if (required) {
                throw new IllegalArgumentException(at + ": missing");
            }
            return null;
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(at + ": expected an object");
        }
        return asMap(v);
    }

    private static String name(Map<String, Object> o, String key, String at) {
        Object v = o.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(at + "." + key + ": " + (v == null ? "missing" : "expected a string"));
        }
        return (String) v;
    }

    private static String text(Map<String, Object> o, String key, String at, String otherwise) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            return otherwise;
        }
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(at + ": expected a string");
        }
        return (String) v;
    }

    private static boolean bool(Map<String, Object> o, String key, String at) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            return false;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(at + ": expected true or false");
        }
        return (Boolean) v;
    }

    private static long whole(Map<String, Object> o, String key, String at) {
        Object v = o.get(key);
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException(at + ": " + (v == null ? "missing" : "expected a whole number"));
        }
        return (Long) v;
    }

    /** A byte size or counter: absent is 0 unless required; present must be a whole number >= 0. */
    private static long size(Map<String, Object> o, String key, String at, boolean required) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            if (required) {
                throw new IllegalArgumentException(at + ": missing");
            }
            return 0;
        }
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException(at + ": expected a whole number");
        }
        long n = (Long) v;
        if (n < 0) {
            throw new IllegalArgumentException(at + ": " + n + " is negative");
        }
        return n;
    }

    private static long count(Map<String, Object> o, String key, String at) {
        long n = size(o, key, at + "." + key, false);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + "." + key + ": " + n + " is too large");
        }
        return n;
    }

    /** A budget is null (none) or a size. */
    private static long budget(Map<String, Object> o, String key, String at) {
        Object v = o.get(key);
        return v == null || v == NULL ? Long.MAX_VALUE : size(o, key, at, false);
    }
}
