/**
 * The bundle's private parts. Its tables come from {@code db/hl7-changelog.xml}, which the platform's schema extender
 * migrates before any component here starts: none of them migrates or waits for a migration itself.
 */
@SchemaChangelog("db/hl7-changelog.xml")
package org.pavilion.hl7.internal;

import org.pavilion.core.api.schema.SchemaChangelog;
