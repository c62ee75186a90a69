package org.pavilion.pharmacy.internal.dispensing;

import org.pavilion.pharmacy.internal.PharmacyConfig;

/** What dispensing reads of {@code etc/org.pavilion.pharmacy.cfg}. */
public record DispensingSettings(String defaultStore, boolean allergyCheck) {

    static DispensingSettings of(PharmacyConfig config) {
        String store = config.defaultDispensingStore();
        return new DispensingSettings(store == null || store.isBlank() ? "MAIN" : store.strip(), config.allergyCheck());
    }
}
