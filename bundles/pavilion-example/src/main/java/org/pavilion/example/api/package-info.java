/** What other bundles may know of the example department: its event and its payload. */
@Export
@Version("1.0.0")
package org.pavilion.example.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
