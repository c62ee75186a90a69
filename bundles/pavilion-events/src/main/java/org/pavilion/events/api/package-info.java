/**
 * The platform event bus: departments publish typed events inside their own transaction; Camel routes
 * subscribe with {@code from("pavilion-event:<subscriber>?types=...")}.
 */
@Export
@Version("1.2.0")
package org.pavilion.events.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
