package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;

/**
 * An administrator may make themself a clinician, but not silently: granting a clinical privilege to a role they
 * hold, or taking a role that carries one, leaves a SELF_GRANT_CLINICAL record flagged as emergency access.
 * Granting it to a role they do not hold, or a non-clinical privilege, is an ordinary GRANT.
 */
public class SelfGrantClinicalTest {

    private static final String EMR = "emr.record.clinical.view = DOCTOR | Read any clinical record\n"
            + "emr.record.break-glass = DOCTOR | Break the glass\n"
            + "emr.patient.search = RECEPTIONIST | Search patients\n";

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private AccountService accounts;
    private RoleAdministration roles;
    private Caller boss;

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        accounts = new AccountService(db.emf, trail::add, null, TestConfigs.auth(5, 60, 5));
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        accounts.roleStore().declare("emr", PrivilegeDeclaration.parse(
                new ByteArrayInputStream(EMR.getBytes(StandardCharsets.UTF_8)), "test"), 0L);
        roles = new RoleAdministration(accounts, null, trail::add);
        accounts.create("boss", "boss-password-1", Set.of("ADMIN"), null);
        boss = caller("boss");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
        System.clearProperty("karaf.data");
    }

    private static Caller caller(String name) {
        return Caller.inContainer(name, Set.of("platform.role.manage", "platform.user.manage"), "127.0.0.1");
    }

    private List<AuditEvent> flagged() {
        return trail.stream().filter(e -> e.action().equals(ClinicalPrivileges.SELF_GRANT))
                .collect(Collectors.toList());
    }

    @Test
    public void grantingAClinicalPrivilegeToOnesOwnRoleIsFlaggedAndStillMade() throws Exception {
        CallerContext.runAs(boss, () -> roles.grant("ADMIN", "emr.patient.search"));
        assertEquals("a non-clinical privilege is an ordinary grant", 0, flagged().size());
        CallerContext.runAs(boss, () -> roles.grant("ADMIN", "emr.record.clinical.view"));

        assertEquals(1, flagged().size());
        AuditEvent f = flagged().get(0);
        assertTrue(f.emergencyAccess());
        assertEquals("boss", f.resourceId());
        assertTrue(f.detail(), f.detail().contains("emr.record.clinical.view"));
        assertTrue(roles.role("ADMIN").privileges.contains("emr.record.clinical.view"));
        // Granting it again changes nothing and flags nothing.
        CallerContext.runAs(boss, () -> roles.grant("ADMIN", "emr.record.clinical.view"));
        assertEquals(1, flagged().size());
    }

    @Test
    public void grantingToARoleOneDoesNotHoldIsNotFlaggedButTakingThatRoleIs() throws Exception {
        CallerContext.runAs(boss, () -> roles.grant("NURSE", "emr.record.break-glass"));
        assertEquals(0, flagged().size());
        // Someone else's roles: not a self-grant.
        accounts.create("nurse.kim", "nurse-password-1", Set.of("RECEPTIONIST"), null);
        CallerContext.runAs(boss, () -> accounts.changeRoles("nurse.kim", Set.of("NURSE"), null));
        assertEquals(0, flagged().size());

        CallerContext.runAs(boss, () -> accounts.changeRoles("boss", Set.of("ADMIN", "DOCTOR"), null));
        assertEquals(1, flagged().size());
        assertTrue(flagged().get(0).detail(), flagged().get(0).detail().contains("emr.record.clinical.view"));
        assertTrue(flagged().get(0).emergencyAccess());
    }

    @Test
    public void clinicalPrivilegesAreThoseWithAClinicalSegmentOrListed() {
        assertTrue(ClinicalPrivileges.isClinical("emr.record.clinical.edit"));
        assertTrue(ClinicalPrivileges.isClinical("emr.document.view"));
        assertTrue(ClinicalPrivileges.isClinical("pharmacy.dispensing.view"));
        assertEquals(false, ClinicalPrivileges.isClinical("emr.patient.view"));
        assertEquals(Optional.empty(), ClinicalPrivileges.selfGrant("a", Set.of("x.clinical.view"),
                Set.of("x.clinical.view"), "test"));
    }
}
