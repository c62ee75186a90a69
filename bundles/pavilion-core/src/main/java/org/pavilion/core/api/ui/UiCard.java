package org.pavilion.core.api.ui;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A card on the patient portal's home page (appointments, bills, video visits), rendered by the custom element
 * {@code element} that {@code module} defines; shown to users holding {@code privilege} (null: any signed-in user).
 */
@ProviderType
public record UiCard(String module, String element, String titleKey, String privilege, int order) {

    public UiCard {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(titleKey, "titleKey");
        if (!element.contains("-")) {
            throw new IllegalArgumentException("A custom element name contains '-': " + element);
        }
    }
}
