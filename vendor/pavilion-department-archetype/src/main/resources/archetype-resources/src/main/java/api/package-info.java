/**
 * What other bundles may know of the ${departmentTitle} department: its events and their payloads. Exported and
 * versioned: a change here bumps this version (minor for an addition, major for a break; the build checks it).
 */
@Export
@Version("1.0.0")
package ${package}.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
