/**
 * The web UI plug-in contract: a bundle registers a {@link org.pavilion.core.api.ui.UiContribution} service and the
 * web shell (feature {@code pavilion-web}, when installed) serves the bundle's pages and portal cards, shown only to
 * users holding the privileges they name. See {@code docs/ui-plugin-contract.md}.
 */
@Export
@Version("1.0.0")
package org.pavilion.core.api.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
