/** Local JPA transactions on a department's persistence unit, and group commit of concurrent writers. */
@Export
@Version("1.4.0")
package org.pavilion.core.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
