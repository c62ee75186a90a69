/** What other bundles may know of the EMR: its event types and payloads, and the optional lab-results SPI. */
@Export
@Version("1.1.0")
package org.pavilion.emr.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
