package org.pavilion.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last files served, by a key that includes the owning bundle's revision: a reinstalled bundle gets new keys, so
 * its new files are read at once (and the browser, revalidating with the ETag, sees them on its next request).
 */
final class AssetCache {

    private final Map<String, Asset> lru;

    AssetCache(int capacity) {
        this.lru = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Asset> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached asset, or the loaded one (null: not found, not cached). */
    Asset get(String key, Supplier<Asset> load) {
        synchronized (lru) {
            Asset a = lru.get(key);
            if (a != null) {
                return a;
            }
        }
        Asset loaded = load.get();
        if (loaded != null) {
            synchronized (lru) {
                lru.put(key, loaded);
            }
        }
        return loaded;
    }

    int size() {
        synchronized (lru) {
            return lru.size();
        }
    }
}
