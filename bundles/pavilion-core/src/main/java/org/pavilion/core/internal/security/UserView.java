package org.pavilion.core.internal.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A user account as administrators see it; never carries the password hash. */
public final class UserView {
    public String username;
    public Set<String> roles;
    public String patientId;
    public boolean enabled;
    /** True while the account is locked for at least one client address. */
    public boolean locked;
    /** The client addresses the account is locked for, with when each lock ends; an administrator may unlock. */
    public List<LockedAddress> lockedAddresses;
    /** The user must choose a new password at the next sign-in before anything else. */
    public boolean passwordChangeRequired;
    public String createdAt;
    public String updatedAt;

    static UserView of(UserEntity u, Set<String> roles, long nowMs, List<LockedAddress> lockedAddresses) {
        UserView v = new UserView();
        v.username = u.getUsername();
        v.roles = roles;
        v.patientId = u.getPatientId();
        v.enabled = u.isEnabled();
        v.lockedAddresses = lockedAddresses;
        v.locked = !lockedAddresses.isEmpty();
        v.passwordChangeRequired = u.isPasswordChangeRequired();
        v.createdAt = Instant.ofEpochMilli(u.getCreatedMs()).toString();
        v.updatedAt = Instant.ofEpochMilli(u.getUpdatedMs()).toString();
        return v;
    }
}
