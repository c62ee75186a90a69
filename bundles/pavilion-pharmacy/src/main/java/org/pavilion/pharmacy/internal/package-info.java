/**
 * The bundle's private parts. Its tables come from {@code db/pharmacy-changelog.xml}, which the platform's schema
 * extender migrates before any component here starts: none of them migrates or waits for a migration itself.
 */
@SchemaChangelog("db/pharmacy-changelog.xml")
package org.pavilion.pharmacy.internal;

import org.pavilion.core.api.schema.SchemaChangelog;
