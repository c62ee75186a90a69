package org.pavilion.core.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.security.totp.SecondFactors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** User accounts, logins, bearer tokens and lock-out; creates the first administrator. */
@Component(service = AccountService.class, configurationPid = "org.pavilion.core.auth")
@Designate(ocd = AuthConfig.class)
public class AccountService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    public static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD_FILE = "pavilion/initial-admin-password";
    /** The privilege an account needs to authenticate with HTTP Basic (feeds and legacy systems, never people). */
    public static final String BASIC_PRIVILEGE = "platform.auth.basic";
    /** Client addresses the login throttle remembers before it evicts those it no longer holds back. */
    static final int MAX_THROTTLED_ADDRESSES = 10_000;
    /** Last use of a session is written at most this often (or half the idle bound, if shorter). */
    static final long LAST_USE_WRITE_MS = 60_000L;

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final RoleStore roleStore;
    private final SecondFactors secondFactors;
    private volatile LongSupplier clock = System::currentTimeMillis;
    private volatile AuthConfig config;
    private volatile PasswordHasher hasher;
    private volatile LoginThrottle throttle;
    private final LoginFailures failures;
    private volatile long lastPurgeMs;
    /** sha256(token) -> session, so a request does not query the database once its token is known. */
    private final Map<String, CachedSession> sessions = new ConcurrentHashMap<>();
    /** sha256(user:password) -> expiry, for HTTP Basic callers. */
    private final Map<String, CachedSession> basicCredentials = new ConcurrentHashMap<>();

    @Activate
    public AccountService(@Reference(target = "(osgi.unit.name=pavilion-core)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference SchemaMigrator schemaReady, AuthConfig config,
            @Reference SecondFactors secondFactors) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.secondFactors = secondFactors;
        this.roleStore = new RoleStore(jpa);
        this.failures = new LoginFailures(jpa);
        modified(config);
        createFirstAdministrator();
    }

    /** Outside the container (tests): the second factors on the same database. */
    public AccountService(EntityManagerFactory emf, AuditService audit, SchemaMigrator schemaReady, AuthConfig config) {
        this(emf, audit, schemaReady, config, new SecondFactors(emf, audit, schemaReady));
    }

    @Modified
    void modified(AuthConfig newConfig) {
        this.config = newConfig;
        this.hasher = new PasswordHasher(newConfig.passwordHashIterations());
        this.throttle = new LoginThrottle(newConfig.loginAttemptsPerMinutePerAddress(),
                newConfig.loginBurstPerAddress(), MAX_THROTTLED_ADDRESSES);
        basicCredentials.clear();
    }

    /** For tests: the clock that decides token expiry and when cached privileges are read again. */
    void useClock(LongSupplier testClock) {
        this.clock = testClock;
    }

    public RoleStore roleStore() {
        return roleStore;
    }

    /** The second factors the login checks, for the REST filter's gate (one instance, one cache). */
    public SecondFactors secondFactors() {
        return secondFactors;
    }

    /** Whether a cached caller's roles and privileges are older than the configured refresh bound. */
    private boolean stale(CachedSession cached, long now) {
        return now - cached.loadedMs >= config.privilegeRefreshSeconds() * 1000L;
    }

    /** The enabled user {@code username} with the roles and privileges the database grants now, or null. */
    private AuthenticatedCaller loadCaller(EntityManager em, String username, String clientAddress) {
        UserEntity u = em.find(UserEntity.class, username);
        if (u == null || !u.isEnabled()) {
            return null;
        }
        RoleStore.Grants g = grants(em, username);
        return new AuthenticatedCaller(u.getUsername(), g.roles(), g.privileges(), u.getPatientId(), clientAddress,
                u.isPasswordChangeRequired());
    }

    private RoleStore.Grants grants(EntityManager em, String username) {
        try {
            return roleStore.grantsOf(JpaTransactions.connection(em), username);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ---- logins and tokens -------------------------------------------------------------------------

    public LoginResult login(String username, String password, String clientAddress) throws AuthenticationFailedException {
        return login(username, password, null, clientAddress);
    }

    /** {@code code}: the TOTP or recovery code, needed (and checked) only when the account has a second factor. */
    public LoginResult login(String username, String password, String code, String clientAddress)
            throws AuthenticationFailedException {
        // The (account, address) attempt stays counted until the second factor passes too: a wrong code counts
        // towards the lockout like a wrong password, and guessing codes with a known password locks as well.
        AuthenticatedCaller caller = checkPassword(username, password, clientAddress, "LOGIN", false);
        String address = addressKey(clientAddress);
        secondFactors.verifyAtLogin(caller, code,
                () -> failures.failed(caller.username(), address, maxFailedLogins(), clock.getAsLong()));
        failures.succeeded(caller.username(), address);
        String token = PasswordHasher.randomPassword(32);
        long now = clock.getAsLong();
        long expires = now + config.tokenTtlMinutes() * 60_000L;
        SessionEntity s = new SessionEntity();
        s.setTokenHash(PasswordHasher.sha256Hex(token));
        s.setUsername(caller.username());
        s.setCreatedMs(now);
        s.setExpiresMs(expires);
        s.setLastUsedMs(now);
        jpa.run(em -> {
            em.createQuery("DELETE FROM SessionEntity s WHERE s.expiresMs < :now").setParameter("now", now).executeUpdate();
            em.persist(s);
        });
        return new LoginResult(token, expires, caller);
    }

    public void logout(String token) {
        String hash = PasswordHasher.sha256Hex(token);
        sessions.remove(hash);
        jpa.run(em -> em.createQuery("DELETE FROM SessionEntity s WHERE s.tokenHash = :h")
                .setParameter("h", hash).executeUpdate());
    }

    /** When the session of {@code token} ends at the latest (epoch ms), or 0 when it is unknown; see also the idle bound. */
    public long sessionExpiry(String token) {
        CachedSession cached = sessions.get(PasswordHasher.sha256Hex(token));
        return cached == null ? 0 : cached.expiresMs;
    }

    /** Minutes a session may go unused; 0 when only the absolute bound applies. */
    public int idleTimeoutMinutes() {
        return Math.max(0, config.idleTimeoutMinutes());
    }

    private long idleMs() {
        return idleTimeoutMinutes() * 60_000L;
    }

    /** The caller a bearer token stands for, if the token is known, unexpired and its user enabled. */
    public Optional<AuthenticatedCaller> authenticateToken(String token, String clientAddress) {
        String hash = PasswordHasher.sha256Hex(token);
        long now = clock.getAsLong();
        long idleMs = idleMs();
        CachedSession cached = sessions.get(hash);
        // Re-read after the refresh bound, so a changed role reaches signed-in users, also from another container;
        // and before calling a session idle, since another container may have used it meanwhile.
        if (cached == null || stale(cached, now) || idle(cached, now, idleMs)) {
            long usedHere = cached == null ? 0 : cached.lastUsedMs;
            cached = jpa.call(em -> {
                SessionEntity s = em.find(SessionEntity.class, hash);
                if (s == null) {
                    return null;
                }
                AuthenticatedCaller c = loadCaller(em, s.getUsername(), null);
                return c == null ? null : new CachedSession(c, s.getExpiresMs(), now,
                        Math.max(s.getLastUsedMs(), usedHere), s.getLastUsedMs());
            });
            if (cached == null) {
                sessions.remove(hash);
                return Optional.empty();
            }
            sessions.put(hash, cached);
        }
        if (cached.expiresMs <= now || idle(cached, now, idleMs)) {
            sessions.remove(hash);
            jpa.run(em -> em.createQuery("DELETE FROM SessionEntity s WHERE s.tokenHash = :h")
                    .setParameter("h", hash).executeUpdate());
            return Optional.empty();
        }
        cached.lastUsedMs = Math.max(cached.lastUsedMs, now);
        if (idleMs > 0 && now - cached.lastWrittenMs >= Math.min(LAST_USE_WRITE_MS, idleMs / 2)) {
            cached.lastWrittenMs = now;
            jpa.run(em -> em.createQuery("UPDATE SessionEntity s SET s.lastUsedMs = :now "
                    + "WHERE s.tokenHash = :h AND s.lastUsedMs < :now")
                    .setParameter("now", now).setParameter("h", hash).executeUpdate());
        }
        return Optional.of(cached.caller.withClientAddress(clientAddress));
    }

    private static boolean idle(CachedSession cached, long now, long idleMs) {
        return idleMs > 0 && now - cached.lastUsedMs > idleMs;
    }

    /**
     * The caller an HTTP {@code Authorization} header stands for: {@code Bearer <token>}, or {@code Basic} for
     * integration accounts. Empty when there is no header; an exception for a header that does not authenticate.
     */
    public Optional<AuthenticatedCaller> authenticateHeader(String header, String clientAddress)
            throws AuthenticationFailedException {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<AuthenticatedCaller> c = authenticateToken(header.substring(7).trim(), clientAddress);
            if (c.isEmpty()) {
                throw new AuthenticationFailedException("The session expired (or the bearer token is unknown): it was "
                        + "unused for longer than the idle timeout, passed its lifetime or was ended; log in again");
            }
            return c;
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationFailedException("Malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new AuthenticationFailedException("Malformed Basic credentials");
            }
            return Optional.of(authenticateBasic(decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress));
        }
        throw new AuthenticationFailedException("Unsupported Authorization scheme; use Bearer or Basic");
    }

    /** HTTP Basic: only for accounts holding {@link #BASIC_PRIVILEGE} (feeds and legacy systems), never for people. */
    public AuthenticatedCaller authenticateBasic(String username, String password, String clientAddress)
            throws AuthenticationFailedException {
        String key = PasswordHasher.sha256Hex(username + "\u0000" + password);
        long now = clock.getAsLong();
        CachedSession cached = basicCredentials.get(key);
        if (cached != null && cached.expiresMs > now && stale(cached, now)) {
            // The password was verified; only the grants are read again.
            String name = cached.caller.username();
            AuthenticatedCaller reloaded = jpa.call(em -> loadCaller(em, name, null));
            cached = reloaded == null ? null : new CachedSession(reloaded, cached.expiresMs, now, now, now);
            if (cached == null) {
                basicCredentials.remove(key);
            } else {
                basicCredentials.put(key, cached);
            }
        }
        if (cached != null && cached.expiresMs > now) {
            if (!cached.caller.hasPrivilege(BASIC_PRIVILEGE)) {
                throw new AuthenticationFailedException("HTTP Basic is accepted for integration accounts only; log in for a token");
            }
            return cached.caller.withClientAddress(clientAddress);
        }
        AuthenticatedCaller caller = checkPassword(username, password, clientAddress, "LOGIN_BASIC", true);
        if (!caller.hasPrivilege(BASIC_PRIVILEGE)) {
            throw new AuthenticationFailedException("HTTP Basic is accepted for integration accounts only; log in for a token");
        }
        if (config.basicCacheSeconds() > 0) {
            basicCredentials.put(key, new CachedSession(caller, now + config.basicCacheSeconds() * 1000L, now, now, now));
        }
        return caller;
    }

    /**
     * Checks a password: first the client address's throttle (no hash, no counter touched when it refuses), then the
     * (account, address) pair's reservation in the database, then the hash.
     *
     * @param clearOnSuccess whether a right password clears the pair's failures (not before a second factor)
     */
    private AuthenticatedCaller checkPassword(String username, String password, String clientAddress, String action,
            boolean clearOnSuccess)
            throws AuthenticationFailedException {
        if (username == null || password == null || username.isBlank() || password.isEmpty()) {
            throw new AuthenticationFailedException("Username and password are required");
        }
        String name = username.trim().toLowerCase(java.util.Locale.ROOT);
        String address = addressKey(clientAddress);
        long now = clock.getAsLong();
        LoginThrottle.Decision decision = throttle.tryAcquire(address, now);
        if (!decision.allowed()) {
            if (decision.firstRefusalInWindow()) {
                // Once per address and minute, not per request: a flood must not flood the audit trail too.
                auditAs(anonymous(clientAddress), AuditEvent.of("LOGIN_THROTTLED", "session").resourceId(address)
                        .outcome(AuditOutcome.DENIED).detail("more than " + config.loginAttemptsPerMinutePerAddress()
                                + " password checks a minute from this address").build());
                LOG.warn("Throttling password checks from {}", address);
            }
            throw new LoginThrottledException(decision.retryAfterSeconds());
        }
        purgeOldFailures(now);
        UserEntity user = jpa.call(em -> em.find(UserEntity.class, name));
        int max = maxFailedLogins();
        long lockMs = lockMs();
        String failure = null;
        if (user == null) {
            hasher.burn(password.toCharArray());
            failure = "unknown user";
        } else if (!user.isEnabled()) {
            hasher.burn(password.toCharArray());
            failure = "account disabled";
        } else if (!failures.reserve(name, address, max, now, lockMs)) {
            hasher.burn(password.toCharArray());
            failure = "account locked for this address";
        } else if (!hasher.verify(password.toCharArray(), user.getPasswordHash())) {
            failure = "wrong password";
            if (failures.failed(name, address, max, clock.getAsLong())) {
                LOG.warn("Account {} locked for {} minutes from {} after {} failed logins", name, config.lockMinutes(),
                        address, max);
            }
        } else if (clearOnSuccess) {
            failures.succeeded(name, address);
        }
        RoleStore.Grants grants = user == null ? new RoleStore.Grants(Set.of(), Set.of(), Set.of())
                : jpa.call(em -> grants(em, name));
        AuthenticatedCaller caller = new AuthenticatedCaller(name, grants.roles(), grants.privileges(),
                user == null ? null : user.getPatientId(), clientAddress, user != null && user.isPasswordChangeRequired());
        auditAs(caller, AuditEvent.of(action, "session").resourceId(name)
                .outcome(failure == null ? AuditOutcome.SUCCESS : AuditOutcome.DENIED).detail(failure).build());
        if (failure != null) {
            // One message for every failure, so callers cannot probe which usernames exist.
            throw new AuthenticationFailedException("Invalid username or password, or the account is locked or disabled");
        }
        return caller;
    }

    /** The key an address is counted under: the value the REST layer gave, bounded to the column's width. */
    private static String addressKey(String clientAddress) {
        String a = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress.trim();
        return a.length() > 64 ? a.substring(0, 64) : a;
    }

    private static AuthenticatedCaller anonymous(String clientAddress) {
        return new AuthenticatedCaller("anonymous", Set.of(), Set.of(), null, clientAddress);
    }

    /** At most every ten minutes: forgets pairs whose last attempt is older than a day and any lock. */
    private void purgeOldFailures(long now) {
        if (now - lastPurgeMs < 600_000L) {
            return;
        }
        lastPurgeMs = now;
        failures.purge(now, Math.max(86_400_000L, config.lockMinutes() * 60_000L));
    }

    private void auditAs(Caller caller, AuditEvent event) {
        audit.record(event.as(caller));
    }

    // ---- administration ----------------------------------------------------------------------------

    /** Creates an account holding the roles named {@code roles}; a 400 names unknown roles. */
    public UserView create(String username, String password, Set<String> roles, String patientId) {
        return create(username, password, roles, patientId, false);
    }

    /**
     * Creates an account holding the roles named {@code roles}; a 400 names unknown roles. {@code passwordChangeRequired}:
     * the password is a temporary one the user must replace at the first sign-in before doing anything else.
     */
    public UserView create(String username, String password, Set<String> roles, String patientId,
            boolean passwordChangeRequired) {
        String name = validUsername(username);
        if (roles == null || roles.isEmpty()) {
            throw ProblemException.validation("at least one role is required");
        }
        validPassword(password);
        long now = clock.getAsLong();
        UserEntity u = new UserEntity();
        u.setUsername(name);
        u.setPasswordHash(hasher.hash(password.toCharArray()));
        u.setPatientId(blankToNull(patientId));
        u.setEnabled(true);
        u.setPasswordChangeRequired(passwordChangeRequired);
        u.setCreatedMs(now);
        u.setUpdatedMs(now);
        Set<String> held = AuditedTransaction.run(jpa.entityManagerFactory(), audit, em -> {
            java.sql.Connection c = JpaTransactions.connection(em);
            Set<String> ids = sql(() -> roleStore.roleIds(c, roles));
            validRoles(ids, patientId);
            if (em.find(UserEntity.class, name) != null) {
                throw ProblemException.conflict("User " + name + " already exists");
            }
            em.persist(u);
            em.flush();
            sql(() -> {
                roleStore.setUserRoles(c, name, ids);
                return null;
            });
            Set<String> heldRoles = grants(em, name).roles();
            return AuditedTransaction.Done.of(heldRoles, AuditEvent.of("CREATE", "user").resourceId(name)
                    .detail("roles " + heldRoles + (passwordChangeRequired ? "; password change required" : "")).build());
        });
        return UserView.of(u, held, now, List.of());
    }

    private interface SqlWork<R> {
        R run() throws java.sql.SQLException;
    }

    private static <R> R sql(SqlWork<R> work) {
        try {
            return work.run();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Page<UserView> list(int page, int size) {
        Page.validate(page, size);
        long now = clock.getAsLong();
        return jpa.call(em -> {
            List<UserView> items = new ArrayList<>();
            for (UserEntity u : em.createQuery("SELECT u FROM UserEntity u ORDER BY u.username", UserEntity.class)
                    .setFirstResult(page * size).setMaxResults(size).getResultList()) {
                items.add(view(em, u, now));
            }
            return Page.of(items, page, size,
                    () -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult());
        });
    }

    public UserView get(String username) {
        String name = normalise(username);
        return jpa.call(em -> {
            UserEntity u = em.find(UserEntity.class, name);
            if (u == null) {
                throw ProblemException.notFound("User", name);
            }
            return view(em, u, clock.getAsLong());
        });
    }

    /** Replaces the account's roles (by name) and patient link; its sessions end, so it takes effect at once. */
    public UserView changeRoles(String username, Set<String> roles, String patientId) {
        if (roles == null || roles.isEmpty()) {
            throw ProblemException.validation("at least one role is required");
        }
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<AuditEvent>> selfGrant =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        // The change, its UPDATE_ROLES record and a flagged SELF_GRANT_CLINICAL record commit together.
        return updateAll(username, true, (em, u) -> {
            java.sql.Connection c = JpaTransactions.connection(em);
            Set<String> ids = sql(() -> roleStore.roleIds(c, roles));
            validRoles(ids, patientId);
            u.setPatientId(blankToNull(patientId));
            ClinicalPrivileges.SelfGrantCheck check = sql(() -> ClinicalPrivileges.before(roleStore, c, u.getUsername()));
            sql(() -> {
                roleStore.setUserRoles(c, u.getUsername(), ids);
                return null;
            });
            selfGrant.set(sql(() -> check.after(c)));
        }, v -> {
            List<AuditEvent> records = new ArrayList<>();
            records.add(AuditEvent.of("UPDATE_ROLES", "user").resourceId(v.username).detail("roles " + v.roles).build());
            selfGrant.get().ifPresent(records::add);
            return records;
        });
    }

    public UserView setEnabled(String username, boolean enabled) {
        if (!enabled && ADMIN.equals(normalise(username)) && CallerContext.current().map(c -> c.username().equals(ADMIN)).orElse(false)) {
            throw ProblemException.conflict("The administrator cannot disable their own account");
        }
        return update(username, true, (em, u) -> u.setEnabled(enabled),
                v -> AuditEvent.of(enabled ? "ENABLE" : "DISABLE", "user").resourceId(v.username).build());
    }

    /** Sets a new password, unlocks the account and ends its sessions. */
    public UserView resetPassword(String username, String password) {
        return resetPassword(username, password, false);
    }

    /**
     * Sets a new password, unlocks the account and ends its sessions; {@code temporary}: the user must replace it at
     * the next sign-in before doing anything else (false: the password is the user's, no change is asked).
     */
    public UserView resetPassword(String username, String password, boolean temporary) {
        validPassword(password);
        String hash = hasher.hash(password.toCharArray());
        return update(username, true, (em, u) -> {
            u.setPasswordHash(hash);
            u.setPasswordChangeRequired(temporary);
            u.setFailedLogins(0);
            u.setLockedUntilMs(0);
            LoginFailures.unlock(em, u.getUsername());
        }, v -> AuditEvent.of("RESET_PASSWORD", "user").resourceId(v.username)
                .detail(temporary ? "temporary: password change required" : null).build());
    }

    /**
     * Lifts every lock of the account (all client addresses) without ending its sessions; audited with the number
     * of locked addresses it cleared.
     */
    public UserView unlock(String username) {
        int[] cleared = {0};
        return update(username, false, (em, u) -> {
            List<LockedAddress> locked = LoginFailures.locked(em, u.getUsername(), maxFailedLogins(),
                    clock.getAsLong(), lockMs());
            cleared[0] = locked.size();
            LoginFailures.unlock(em, u.getUsername());
            u.setFailedLogins(0);
            u.setLockedUntilMs(0);
        }, v -> AuditEvent.of("UNLOCK", "user").resourceId(v.username)
                .detail("cleared " + cleared[0] + " locked address(es)").build());
    }

    /**
     * A signed-in user's own change of password: the current password is checked like a login (failures count towards
     * the lockout), the new one must pass the password rules. Every session of the account ends.
     */
    public void changeOwnPassword(String username, String current, String next, String clientAddress)
            throws AuthenticationFailedException {
        changeOwnPassword(username, current, next, clientAddress, null);
    }

    /**
     * A signed-in user's own change of password: the current password is checked like a login (failures count towards
     * the lockout), the new one must pass the password rules and differ from the current one (422). A required change
     * is cleared in the same transaction as the PASSWORD_CHANGED record. The account's other sessions end;
     * {@code keepToken} (the session making the change, may be null) goes on, so a first sign-in continues without
     * asking for the password (and a second-factor code) again. The first administrator's initial password file is
     * deleted once the change has committed.
     */
    public void changeOwnPassword(String username, String current, String next, String clientAddress, String keepToken)
            throws AuthenticationFailedException {
        AuthenticatedCaller caller = checkPassword(username, current, clientAddress, "CHANGE_PASSWORD", true);
        validPassword(next);
        if (next.equals(current)) {
            throw new ProblemException(422, "password-unchanged", "Password not changed",
                    "The new password must differ from the current one");
        }
        String hash = hasher.hash(next.toCharArray());
        String name = caller.username();
        String keepHash = keepToken == null || keepToken.isBlank() ? null : PasswordHasher.sha256Hex(keepToken.trim());
        long now = clock.getAsLong();
        jpa.callAudited(audit, em -> {
            UserEntity u = em.find(UserEntity.class, name);
            if (u == null) {
                throw ProblemException.notFound("User", name);
            }
            boolean wasRequired = u.isPasswordChangeRequired();
            u.setPasswordHash(hash);
            u.setPasswordChangeRequired(false);
            u.setUpdatedMs(now);
            javax.persistence.Query others = keepHash == null
                    ? em.createQuery("DELETE FROM SessionEntity s WHERE s.username = :u")
                    : em.createQuery("DELETE FROM SessionEntity s WHERE s.username = :u AND s.tokenHash <> :keep")
                            .setParameter("keep", keepHash);
            others.setParameter("u", name).executeUpdate();
            return AuditedTransaction.Done.of(null, AuditEvent.of("PASSWORD_CHANGED", "user").resourceId(name)
                    .detail(wasRequired ? "by its user; the required change is done" : "by its user")
                    .build().as(caller));
        });
        // The kept session is read again on its next use, now without the required change.
        forgetCachedCredentials(name);
        passwordChosen(name);
    }

    /**
     * Changes an account in one transaction that commits with the audit record {@code record} makes of the result
     * (none when null); {@code endSessions}: the account's sessions end, so roles and passwords take effect at once.
     */
    private UserView update(String username, boolean endSessions, BiConsumer<EntityManager, UserEntity> change,
            Function<UserView, AuditEvent> record) {
        return updateAll(username, endSessions, change, record == null ? v -> List.of() : v -> List.of(record.apply(v)));
    }

    private UserView updateAll(String username, boolean endSessions, BiConsumer<EntityManager, UserEntity> change,
            Function<UserView, List<AuditEvent>> records) {
        String name = normalise(username);
        long now = clock.getAsLong();
        UserView v = AuditedTransaction.run(jpa.entityManagerFactory(), audit, em -> {
            UserEntity u = em.find(UserEntity.class, name);
            if (u == null) {
                throw ProblemException.notFound("User", name);
            }
            change.accept(em, u);
            u.setUpdatedMs(now);
            if (endSessions) {
                em.createQuery("DELETE FROM SessionEntity s WHERE s.username = :u").setParameter("u", name)
                        .executeUpdate();
            }
            em.flush();
            UserView view = view(em, u, now);
            return new AuditedTransaction.Done<>(view, records.apply(view));
        });
        if (endSessions) {
            forgetCachedCredentials(name);
        }
        return v;
    }

    private UserView view(EntityManager em, UserEntity u, long now) {
        return UserView.of(u, grants(em, u.getUsername()).roles(), now,
                LoginFailures.locked(em, u.getUsername(), maxFailedLogins(), now, lockMs()));
    }

    private int maxFailedLogins() {
        return Math.max(1, config.maxFailedLogins());
    }

    private long lockMs() {
        return config.lockMinutes() * 60_000L;
    }

    // ---- self-service password reset (PasswordResetService) ----------------------------------------------

    /** Minutes a password reset token stays valid. */
    int passwordResetMinutes() {
        return config.passwordResetMinutes();
    }

    /** The hash of a new password that passes the password rules; a 400 names the rule it breaks. */
    String hashNewPassword(String password) {
        validPassword(password);
        return hasher.hash(password.toCharArray());
    }

    /**
     * After a committed change in which {@code username} chose their own password: the first administrator's initial
     * password is void, so its file goes. A failure is logged (without the password) and retried at the next start.
     */
    void passwordChosen(String username) {
        if (ADMIN.equals(username)) {
            deleteInitialPasswordFile();
        }
    }

    private static Path initialPasswordFile() {
        return Paths.get(System.getProperty("karaf.data", "data")).resolve(ADMIN_PASSWORD_FILE);
    }

    private static void deleteInitialPasswordFile() {
        Path file = initialPasswordFile();
        try {
            if (Files.deleteIfExists(file)) {
                LOG.info("Deleted {}: the administrator has chosen a password", file.toAbsolutePath());
            }
        } catch (IOException | SecurityException e) {
            LOG.warn("Cannot delete the initial administrator password file {} ({}); it is tried again at the next "
                    + "start. Delete it by hand: its password no longer signs in.", file.toAbsolutePath(), e.toString());
        }
    }

    /** After a committed change that ended {@code username}'s sessions: forget what this container cached of them. */
    public void forgetCachedCredentials(String username) {
        sessions.values().removeIf(s -> s.caller.username().equals(username));
        basicCredentials.values().removeIf(s -> s.caller.username().equals(username));
    }

    // ---- first start ---------------------------------------------------------------------------------

    private void createFirstAdministrator() {
        long users = jpa.call(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult());
        if (users > 0) {
            settleInitialPasswordFile();
            return;
        }
        String password = PasswordHasher.randomPassword(18);
        Path file = initialPasswordFile();
        try {
            writeOwnerOnly(file, password + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the initial administrator password to " + file, e);
        }
        create(ADMIN, password, Set.of(SeededRoles.ADMIN), null, true);
        LOG.warn("Created the first administrator 'admin'; its initial password is in {} (readable by its owner only). "
                + "The first sign-in must choose a new one, which deletes the file.", file.toAbsolutePath());
    }

    /**
     * A later start with the initial password file still there: while the administrator must change the password the
     * file stays; once changed, a file left by a failed delete goes now. An account created before the required
     * change existed, whose password still is the file's, is asked for the change now rather than losing the file.
     */
    private void settleInitialPasswordFile() {
        Path file = initialPasswordFile();
        if (!Files.isRegularFile(file)) {
            return;
        }
        UserEntity admin = jpa.call(em -> em.find(UserEntity.class, ADMIN));
        if (admin == null || admin.isPasswordChangeRequired()) {
            return;
        }
        String filed;
        try {
            filed = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); leaving it", file.toAbsolutePath(), e.toString());
            return;
        }
        if (!filed.isEmpty() && hasher.verify(filed.toCharArray(), admin.getPasswordHash())) {
            update(ADMIN, false, (em, u) -> u.setPasswordChangeRequired(true),
                    v -> AuditEvent.of("REQUIRE_PASSWORD_CHANGE", "user").resourceId(ADMIN)
                            .detail("still the initial password of the first start").build());
            LOG.warn("The administrator 'admin' still has the initial password of {}: the next sign-in must choose "
                    + "a new one", file.toAbsolutePath());
            return;
        }
        deleteInitialPasswordFile();
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
    }

    // ---- validation ----------------------------------------------------------------------------------

    private static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String validUsername(String username) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw ProblemException.validation("username must be 2 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    /** {@code roleIds}: the seeded patient role keeps its original name as its id, whatever it is called now. */
    private static void validRoles(Set<String> roleIds, String patientId) {
        if (roleIds.contains(SeededRoles.PATIENT) && (patientId == null || patientId.isBlank())) {
            throw ProblemException.validation("a PATIENT user must be linked to a patientId");
        }
        if (roleIds.contains(SeededRoles.PATIENT) && roleIds.size() > 1) {
            throw ProblemException.validation("a PATIENT user cannot hold staff roles");
        }
        if (!roleIds.contains(SeededRoles.PATIENT) && patientId != null && !patientId.isBlank()) {
            // A patient link on a staff account would let the own-record rules apply to staff.
            throw ProblemException.validation("only a PATIENT user is linked to a patientId");
        }
    }

    private void validPassword(String password) {
        if (password == null || password.length() < config.minPasswordLength()) {
            throw ProblemException.validation("password must have at least " + config.minPasswordLength() + " characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static final class CachedSession {
        final AuthenticatedCaller caller;
        final long expiresMs;
        /** When the caller's roles and privileges were read. */
        final long loadedMs;
        /** Last use seen by this container, and the last use written to the database. */
        volatile long lastUsedMs;
        volatile long lastWrittenMs;

        CachedSession(AuthenticatedCaller caller, long expiresMs, long loadedMs, long lastUsedMs, long lastWrittenMs) {
            this.caller = caller;
            this.expiresMs = expiresMs;
            this.loadedMs = loadedMs;
            this.lastUsedMs = lastUsedMs;
            this.lastWrittenMs = lastWrittenMs;
        }
    }
}
