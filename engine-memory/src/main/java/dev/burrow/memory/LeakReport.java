package dev.burrow.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live allocations grouped by site, with counts and bytes, like LWJGL's {@code memReport} BY_METHOD.
 * Built only when something leaked, so it may allocate.
 */
final class LeakReport {
    private final Map<String, long[]> bySite = new HashMap<>();
    private long count;
    private long bytes;

    void add(String site, long n, long b) {
        long[] e = bySite.computeIfAbsent(site == null ? "?" : site, k -> new long[2]);
        e[0] += n;
        e[1] += b;
        count += n;
        bytes += b;
    }

    boolean isEmpty() { return count == 0; }

    long count() { return count; }

    long bytes() { return bytes; }

    /** @return sites ordered by bytes, largest first (ties by name, so the text is deterministic) */
    List<Map.Entry<String, long[]>> sites() {
        List<Map.Entry<String, long[]>> list = new ArrayList<>(bySite.entrySet());
        list.sort((a, b) -> a.getValue()[1] != b.getValue()[1] ? Long.compare(b.getValue()[1], a.getValue()[1])
            : a.getKey().compareTo(b.getKey()));
        return list;
    }

    /** @return "3 x 64 B at Foo.bar:12; 1 x 32 B at ?" */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, long[]> e : sites()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getValue()[0]).append(" allocation(s), ").append(e.getValue()[1]).append(" bytes at ").append(e.getKey());
        }
        return sb.toString();
    }

    /** Emits one JFR leak event per site. */
    void emit(String allocator, MemoryEvents events) {
        for (Map.Entry<String, long[]> e : sites()) {
            events.leak(allocator, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
    }
}
