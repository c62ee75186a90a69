/**
 * The bundle's private parts. Its tables come from {@code db/events-changelog.xml}, which the platform's schema
 * extender migrates before any component here starts: none of them migrates or waits for a migration itself.
 */
@SchemaChangelog("db/events-changelog.xml")
package org.pavilion.events.internal;

import org.pavilion.core.api.schema.SchemaChangelog;
