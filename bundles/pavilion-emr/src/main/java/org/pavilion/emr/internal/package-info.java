/**
 * The bundle's private parts. Its tables come from {@code db/emr-changelog.xml}, which the platform's schema extender
 * migrates before any component here starts: none of them migrates or waits for a migration itself.
 */
@SchemaChangelog("db/emr-changelog.xml")
package org.pavilion.emr.internal;

import org.pavilion.core.api.schema.SchemaChangelog;
