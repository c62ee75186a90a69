package org.pavilion.core.internal.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which modules must be refreshed so their optional imports of another module's api reach the module now serving
 * it. A department imports another's api optionally (it works without it), and the framework wires such an import
 * only when the importer resolves: installed before the department it uses, or still wired to a copy uninstalled
 * without a refresh, it would never see the one now installed (its components for that api fail to load, or never
 * bind). Pure: the framework's view comes in as {@link Import}s and {@link Export}s.
 */
final class OptionalImports {

    private OptionalImports() {
    }

    /** A package a module bundle exports now (from its current revision). */
    record Export(long bundleId, String pkg, Object capability) {
    }

    /**
     * An optional package import of a module bundle, as it is wired now.
     *
     * @param wired        whether the import has a wire at all
     * @param wiredCurrent whether that wire reaches a bundle's current revision (false: a copy since uninstalled or
     *                     updated, kept only because nobody refreshed the importer)
     * @param satisfiedBy  whether an export would satisfy the import (its version range, its attributes)
     */
    record Import(long bundleId, String pkg, boolean wired, boolean wiredCurrent, Predicate<Export> satisfiedBy) {
    }

    /**
     * The importers to refresh, each with why, leaving out what was tried already: a pairing that the resolver then
     * still did not wire (a uses conflict, say) is not tried again, so there is no refresh loop.
     *
     * @param tried the pairings tried so far ({@code importer:package:exporter}); the new ones are added to it
     */
    static Map<Long, String> toRefresh(List<Import> imports, List<Export> exports, Set<String> tried) {
        Map<Long, String> refresh = new LinkedHashMap<>();
        for (Import i : imports) {
            if (i.wired() && i.wiredCurrent()) {
                continue;
            }
            for (Export e : candidates(i, exports)) {
                String pairing = i.bundleId() + ":" + i.pkg() + ":" + e.bundleId();
                if (tried.add(pairing)) {
                    refresh.putIfAbsent(i.bundleId(), i.pkg() + (i.wired() ? " (wired to a removed copy)" : "")
                            + " is exported by bundle " + e.bundleId());
                }
            }
        }
        return refresh;
    }

    private static List<Export> candidates(Import i, List<Export> exports) {
        List<Export> found = new ArrayList<>();
        for (Export e : exports) {
            if (e.bundleId() != i.bundleId() && e.pkg().equals(i.pkg()) && i.satisfiedBy().test(e)) {
                found.add(e);
            }
        }
        return found;
    }
}
