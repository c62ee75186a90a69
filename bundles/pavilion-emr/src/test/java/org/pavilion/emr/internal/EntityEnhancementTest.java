package org.pavilion.emr.internal;

import static org.junit.Assert.assertTrue;

import org.apache.openjpa.enhance.PersistenceCapable;
import org.junit.Test;

/** The unit runs with RuntimeUnenhancedClasses=unsupported: an entity the build did not enhance fails at runtime. */
public class EntityEnhancementTest {

    @Test
    public void entitiesAreEnhancedAtBuildTime() {
        assertTrue(PersistenceCapable.class.isAssignableFrom(PatientEntity.class));
        assertTrue(PersistenceCapable.class.isAssignableFrom(PatientPhoneEntity.class));
        assertTrue(PersistenceCapable.class.isAssignableFrom(
                org.pavilion.emr.internal.document.DocumentEntity.class));
        assertTrue(PersistenceCapable.class.isAssignableFrom(
                org.pavilion.emr.internal.privacy.ParticipantRunEntity.class));
    }
}
