package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditServiceImpl;
import org.pavilion.core.internal.db.LiquibaseSchemaMigrator;

/** Roles as sets of privileges in the database: the upgrade, first-seen grants, administration and the refresh bound. */
public class RolesAndPrivilegesTest {

    private static final String SCHEDULING = "scheduling.appointment.book = RECEPTIONIST, PATIENT | Book an appointment\n"
            + "scheduling.appointment.cancel = RECEPTIONIST | Cancel an appointment\n";

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    @After
    public void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        System.clearProperty("karaf.data");
    }

    private AccountService start(int refreshSeconds) throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        if (db == null) {
            db = new CoreTestDatabase();
        }
        AccountService accounts = new AccountService(db.emf, new AuditServiceImpl(db.emf, db.dataSource, null), null,
                TestConfigs.auth(5, 60, refreshSeconds));
        accounts.useClock(now::get);
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        return accounts;
    }

    private static List<PrivilegeDeclaration> file(String text) throws Exception {
        return PrivilegeDeclaration.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    public void anUpgradeKeepsWhatEveryAccountMayDo() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase(false);
        // Yesterday's schema, with roles in a comma-separated column.
        try (Connection c = db.dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/core-changelog.xml", new ClassLoaderResourceAccessor(getClass().getClassLoader()), database)
                    .update(2, new Contexts(), new LabelExpression());
        }
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO core_user (username, password_hash, roles, patient_id, enabled, failed_logins, "
                        + "locked_until_ms, created_ms, updated_ms) VALUES (?, 'x', ?, ?, TRUE, 0, 0, 0, 0)")) {
            for (String[] u : new String[][] {{"admin", "ADMIN", null}, {"dr.grey", "DOCTOR,NURSE", null},
                    {"lab-analyser", "INTEGRATION", null}, {"pat.jones", "PATIENT", "0000000001"}}) {
                s.setString(1, u[0]);
                s.setString(2, u[1]);
                s.setString(3, u[2]);
                s.executeUpdate();
            }
        }
        LiquibaseSchemaMigrator.migrateForTest(db.dataSource, getClass().getClassLoader());
        AccountService accounts = start(5);

        assertEquals(Set.of("ADMIN"), accounts.get("admin").roles);
        assertEquals(Set.of("DOCTOR", "NURSE"), accounts.get("dr.grey").roles);
        assertEquals(Set.of("PATIENT"), accounts.get("pat.jones").roles);
        assertEquals(9, accounts.roleStore().roles().stream().filter(r -> r.seeded).count());
        // The core's own privileges mean what the roles meant: administrators administer, feeds use Basic.
        RoleStore.Grants admin = accounts.roleStore().tx(c -> accounts.roleStore().grantsOf(c, "admin"));
        assertTrue(admin.privileges().containsAll(Set.of("platform.user.manage", "platform.role.manage", "platform.audit.view")));
        RoleStore.Grants doctor = accounts.roleStore().tx(c -> accounts.roleStore().grantsOf(c, "dr.grey"));
        assertEquals(Set.of("platform.module.view"), doctor.privileges());
        RoleStore.Grants feed = accounts.roleStore().tx(c -> accounts.roleStore().grantsOf(c, "lab-analyser"));
        assertTrue(feed.privileges().contains(AccountService.BASIC_PRIVILEGE));
    }

    @Test
    public void aDepartmentsDefaultGrantsApplyOnlyTheFirstTimeThePlatformSeesThem() throws Exception {
        AccountService accounts = start(5);
        RoleStore store = accounts.roleStore();
        assertEquals(List.of("scheduling.appointment.book", "scheduling.appointment.cancel"),
                store.declare("scheduling", file(SCHEDULING), now.get()));
        assertTrue(store.role("RECEPTIONIST").privileges.contains("scheduling.appointment.cancel"));
        assertTrue(store.role("PATIENT").privileges.contains("scheduling.appointment.book"));
        assertFalse(store.role("DOCTOR").privileges.contains("scheduling.appointment.book"));

        // The hospital decides receptionists do not cancel; reinstalling scheduling must not undo that.
        assertTrue(store.revoke("RECEPTIONIST", "scheduling.appointment.cancel"));
        assertEquals(List.of(), store.declare("scheduling", file(SCHEDULING), now.get()));
        assertFalse(store.role("RECEPTIONIST").privileges.contains("scheduling.appointment.cancel"));

        // A renamed seeded role still receives the default grants of a department installed later.
        store.update("RECEPTIONIST", "FRONT_DESK", "Front desk of the outpatient clinic");
        store.declare("lab", file("lab.order.place = RECEPTIONIST, DOCTOR | Place a lab order\n"), now.get());
        assertTrue(store.role("FRONT_DESK").privileges.contains("lab.order.place"));
        assertTrue(store.role("FRONT_DESK").privileges.contains("scheduling.appointment.book"));
    }

    @Test
    public void aCashierMayDoExactlyWhatTheAdministratorGranted() throws Exception {
        AccountService accounts = start(5);
        RoleStore store = accounts.roleStore();
        store.declare("billing", file("billing.payment.take = BILLING | Take a payment\n"
                + "billing.invoice.view = BILLING | See invoices\nbilling.invoice.void = ADMIN | Void an invoice\n"), now.get());
        store.create("cashier", "Takes payments at the front desk");
        store.grant("cashier", "billing.payment.take");
        store.grant("cashier", "billing.invoice.view");
        accounts.create("carl.cashier", "till-number-four", Set.of("cashier"), null);

        AuthenticatedCaller carl = accounts.login("carl.cashier", "till-number-four", "10.0.0.7").caller();
        assertEquals(Set.of("cashier"), carl.roles());
        assertEquals(Set.of("billing.payment.take", "billing.invoice.view"), carl.privileges());
        assertFalse(carl.hasPrivilege("billing.invoice.void"));

        expectProblem(409, () -> store.create("cashier", null));
        expectProblem(409, () -> store.update("cashier", "BILLING", null));
        expectProblem(400, () -> store.create("no spaces", null));
        expectProblem(404, () -> store.grant("cashier", "billing.payment.refund"));
        expectProblem(404, () -> store.grant("no-such-role", "billing.payment.take"));
        expectProblem(400, () -> accounts.create("cleo", "till-number-five", Set.of("cashier", "barista"), null));
        expectProblem(400, () -> accounts.create("pat.x", "long-enough-password", Set.of("PATIENT", "cashier"), "0000000001"));
    }

    @Test
    public void aChangedRoleReachesSignedInUsersWithinTheRefreshBoundAlsoFromAnotherContainer() throws Exception {
        AccountService ward = start(5);
        AccountService otherContainer = start(5);
        ward.roleStore().declare("lab", file("lab.result.verify = LAB_TECHNICIAN | Verify a result\n"), now.get());
        ward.create("nina.nurse", "night-shift-ward-7", Set.of("NURSE"), null);
        String token = ward.login("nina.nurse", "night-shift-ward-7", "x").token();
        assertFalse(ward.authenticateToken(token, "x").orElseThrow().hasPrivilege("lab.result.verify"));

        otherContainer.roleStore().grant("NURSE", "lab.result.verify");
        now.addAndGet(4_000);
        assertFalse("still cached within the bound", ward.authenticateToken(token, "x").orElseThrow()
                .hasPrivilege("lab.result.verify"));
        now.addAndGet(1_000);
        assertTrue("read again after 5 s", ward.authenticateToken(token, "x").orElseThrow()
                .hasPrivilege("lab.result.verify"));

        otherContainer.roleStore().revoke("NURSE", "lab.result.verify");
        now.addAndGet(5_000);
        assertFalse(ward.authenticateToken(token, "x").orElseThrow().hasPrivilege("lab.result.verify"));
    }

    @Test
    public void revokingBasicFromIntegrationStopsCachedFeedCredentialsWithinTheBound() throws Exception {
        AccountService accounts = start(5);
        accounts.create("lab-analyser", "analyser-secret-42", Set.of("INTEGRATION"), null);
        assertEquals("lab-analyser", accounts.authenticateBasic("lab-analyser", "analyser-secret-42", "x").username());
        accounts.roleStore().revoke("INTEGRATION", AccountService.BASIC_PRIVILEGE);
        now.addAndGet(5_000);
        try {
            accounts.authenticateBasic("lab-analyser", "analyser-secret-42", "x");
            fail("Basic accepted after its privilege was revoked");
        } catch (AuthenticationFailedException expected) {
            assertTrue(expected.getMessage().contains("integration"));
        }
    }

    @Test
    public void aMalformedPrivilegeFileIsRefusedNamingTheLine() throws Exception {
        for (String bad : new String[] {"Lab.Result.Verify = DOCTOR | x", "lab.verify = DOCTOR | x",
                "lab.result.verify = DOCTOR", "lab.result.verify = A | x\nlab.result.verify = B | y"}) {
            try {
                file(bad);
                fail(bad + " accepted");
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("line"));
            }
        }
        assertEquals(Set.of(), file("lab.result.verify = | Nobody by default\n").get(0).defaultRoles());
    }

    private static void expectProblem(int status, Runnable r) {
        try {
            r.run();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
        }
    }
}
