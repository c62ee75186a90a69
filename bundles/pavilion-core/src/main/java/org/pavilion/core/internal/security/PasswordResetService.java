package org.pavilion.core.internal.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.AccountMessenger;
import org.pavilion.core.api.security.AccountMessenger.PasswordResetRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user who forgot their password asks for a reset link and sets a new password with its token. The requester learns
 * nothing about which accounts exist: every request is answered alike; what happened is in the audit trail.
 */
@Component(service = PasswordResetService.class)
public class PasswordResetService {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);
    /** Requests per account within {@link #RATE_WINDOW_MS} beyond which nothing more is sent. */
    static final int MAX_REQUESTS_PER_WINDOW = 3;
    static final long RATE_WINDOW_MS = 3_600_000L;
    static final String INVALID_TOKEN = "The reset link is unknown, already used or expired: ask for a new one";
    private static final int MAX_USERNAME = 64;

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final AccountService accounts;
    private final List<AccountMessenger> messengers = new CopyOnWriteArrayList<>();
    private volatile LongSupplier clock = System::currentTimeMillis;

    @Activate
    public PasswordResetService(@Reference(target = "(osgi.unit.name=pavilion-core)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference AccountService accounts) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.accounts = accounts;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeMessenger")
    void addMessenger(AccountMessenger messenger) {
        messengers.add(messenger);
    }

    void removeMessenger(AccountMessenger messenger) {
        messengers.remove(messenger);
    }

    /** For tests: the clock of creation, expiry and the rate limit. */
    void useClock(LongSupplier testClock) {
        this.clock = testClock;
    }

    /**
     * Issues a reset token to an enabled account and hands it to every messenger, after its commit. An unknown or
     * disabled account, a requester over the rate limit or a platform without messengers gets no token; the caller
     * cannot tell these apart from a sent link.
     */
    public void request(String username, String clientAddress) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        AuthenticatedCaller requester = anonymous(clientAddress);
        if (name.isEmpty() || name.length() > MAX_USERNAME) {
            record(requester, "PASSWORD_RESET_REQUEST", null, AuditOutcome.DENIED, "no such user");
            return;
        }
        if (messengers.isEmpty()) {
            record(requester, "PASSWORD_RESET_REQUEST", name, AuditOutcome.FAILED, "no messenger installed");
            return;
        }
        long now = clock.getAsLong();
        Issued issued = jpa.call(em -> {
            UserEntity u = em.find(UserEntity.class, name);
            if (u == null) {
                return Issued.refused("no such user");
            }
            if (!u.isEnabled()) {
                return Issued.refused("account disabled");
            }
            // Rows are kept for the rate limit's window, then go.
            em.createQuery("DELETE FROM PasswordResetEntity p WHERE p.createdMs <= :old AND p.expiresMs <= :now")
                    .setParameter("old", now - RATE_WINDOW_MS).setParameter("now", now).executeUpdate();
            long recent = em.createQuery("SELECT COUNT(p) FROM PasswordResetEntity p WHERE p.username = :u "
                    + "AND p.createdMs > :since", Long.class)
                    .setParameter("u", name).setParameter("since", now - RATE_WINDOW_MS).getSingleResult();
            if (recent >= MAX_REQUESTS_PER_WINDOW) {
                return Issued.refused("rate limited: " + recent + " requests within the hour");
            }
            String token = PasswordHasher.randomPassword(32);
            long expires = now + accounts.passwordResetMinutes() * 60_000L;
            PasswordResetEntity p = new PasswordResetEntity();
            p.setTokenHash(PasswordHasher.sha256Hex(token));
            p.setUsername(name);
            p.setCreatedMs(now);
            p.setExpiresMs(expires);
            em.persist(p);
            return new Issued(new PasswordResetRequest(name, u.getPatientId(), token, Instant.ofEpochMilli(expires)), null);
        });
        if (issued.request == null) {
            record(requester, "PASSWORD_RESET_REQUEST", name, AuditOutcome.DENIED, issued.refusal);
            return;
        }
        int delivered = 0;
        for (AccountMessenger m : messengers) {
            try {
                m.passwordResetRequested(issued.request);
                delivered++;
            } catch (RuntimeException e) {
                // Neither the stack trace nor an unscrubbed message: either may carry the token or its link.
                LOG.warn("Account messenger {} failed to send the password reset of {}: {}", m.getClass().getName(),
                        name, scrub(e, issued.request.token()));
            }
        }
        record(requester, "PASSWORD_RESET_REQUEST", name, delivered > 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                "handed to " + delivered + " of " + messengers.size() + " messenger(s)");
    }

    /**
     * Sets the password of the token's account: the token is accepted once (a guarded update, so of two confirmations
     * at once only one wins), the account is unlocked and its sessions end. An unknown, used or expired token is one
     * 400 for all three.
     */
    public void confirm(String token, String password, String clientAddress) {
        AuthenticatedCaller requester = anonymous(clientAddress);
        if (token == null || token.isBlank()) {
            record(requester, "PASSWORD_RESET", null, AuditOutcome.DENIED, "invalid token");
            throw invalidToken();
        }
        // The password rules first, so a rejected password leaves the link usable for a better one.
        String hash = accounts.hashNewPassword(password);
        String tokenHash = PasswordHasher.sha256Hex(token.trim());
        long now = clock.getAsLong();
        String username = jpa.call(em -> {
            String owner = claim(em, tokenHash, now);
            if (owner == null) {
                return null;
            }
            UserEntity u = em.find(UserEntity.class, owner);
            if (u == null || !u.isEnabled()) {
                return null;
            }
            u.setPasswordHash(hash);
            u.setPasswordChangeRequired(false); // the user chose this password
            u.setFailedLogins(0);
            u.setLockedUntilMs(0);
            LoginFailures.unlock(em, owner); // the owner proved it: no address stays locked
            u.setUpdatedMs(now);
            // Any other link of the account is void now, and whoever held its sessions is signed out.
            sql(em, "UPDATE core_password_reset SET used_ms = ? WHERE username = ? AND used_ms IS NULL", now, owner);
            em.createQuery("DELETE FROM SessionEntity s WHERE s.username = :u")
                    .setParameter("u", owner).executeUpdate();
            return owner;
        });
        if (username == null) {
            record(requester, "PASSWORD_RESET", null, AuditOutcome.DENIED, "invalid, used or expired token");
            throw invalidToken();
        }
        accounts.forgetCachedCredentials(username);
        accounts.passwordChosen(username);
        record(requester, "PASSWORD_RESET", username, AuditOutcome.SUCCESS, "by reset link; sessions ended, account unlocked");
    }

    /**
     * Marks the token used if it is unused and unexpired, and names its account; null when it is not. A plain
     * conditional UPDATE on the transaction's connection: the row lock makes a second confirmation wait and then
     * find the token used, whatever the provider would do with a JPQL bulk update.
     */
    private static String claim(EntityManager em, String tokenHash, long now) {
        int won = sql(em, "UPDATE core_password_reset SET used_ms = ? WHERE token_hash = ? AND used_ms IS NULL "
                + "AND expires_ms > ?", now, tokenHash, now);
        if (won == 0) {
            return null;
        }
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement ps = c.prepareStatement("SELECT username FROM core_password_reset WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int sql(EntityManager em, String statement, Object... args) {
        try (Connection c = JpaTransactions.connection(em); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static ProblemException invalidToken() {
        return new ProblemException(400, "invalid-reset-token", "Password not reset", INVALID_TOKEN);
    }

    private static AuthenticatedCaller anonymous(String clientAddress) {
        return new AuthenticatedCaller("anonymous", Set.of(), Set.of(), null,
                clientAddress == null ? "unknown" : clientAddress);
    }

    private void record(AuthenticatedCaller requester, String action, String username, AuditOutcome outcome, String detail) {
        audit.record(AuditEvent.of(action, "user").resourceId(username).outcome(outcome).detail(detail).build()
                .as(requester));
    }

    static String scrub(RuntimeException e, String token) {
        String message = String.valueOf(e.getMessage());
        return e.getClass().getName() + ": " + message.replace(token, "[token]");
    }

    private record Issued(PasswordResetRequest request, String refusal) {
        static Issued refused(String why) {
            return new Issued(null, why);
        }
    }
}
