package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The distinct stored spellings of a name that share a phonetic key, kept in memory: listing them from the index
 * took a few milliseconds for common keys (every "Smith" entry is read), on every typo search. Entries only grow
 * as names are registered here ({@link #learn}); a spelling that no longer exists (a rolled-back registration, an
 * erased name) costs one query that finds nothing, so entries need no invalidation for correctness, and expire
 * after {@link #TTL_MS} so names written by another container are found too.
 */
final class SpellingCache {

    static final long TTL_MS = 5 * 60_000L;
    static final int MAX_ENTRIES = 50_000;

    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    private SpellingCache() {
    }

    private record Entry(List<String> spellings, long loadedMs) {
    }

    /** The spellings of {@code field} under phonetic {@code key}, loaded by {@code load} when absent or old. */
    static List<String> spellings(String field, String key, Supplier<List<String>> load) {
        String id = field + '|' + key;
        long now = System.currentTimeMillis();
        Entry e = ENTRIES.get(id);
        if (e == null || now - e.loadedMs > TTL_MS) {
            if (ENTRIES.size() >= MAX_ENTRIES) {
                ENTRIES.clear(); // crude bound; refilled by the next searches
            }
            e = new Entry(List.copyOf(load.get()), now);
            ENTRIES.put(id, e);
        }
        return e.spellings;
    }

    /** A name was written under {@code key}: searches see its spelling at once. */
    static void learn(String field, String key, String spelling) {
        if (key == null || key.isEmpty() || spelling == null) {
            return;
        }
        ENTRIES.computeIfPresent(field + '|' + key, (id, e) -> {
            if (e.spellings.contains(spelling)) {
                return e;
            }
            List<String> more = new ArrayList<>(e.spellings);
            more.add(spelling);
            return new Entry(List.copyOf(more), e.loadedMs);
        });
    }
}
