package org.pavilion.core.internal.security;

import java.time.Instant;
import java.util.Set;

/** A user account as administrators see it; never carries the password hash. */
public final class UserView {
    public String username;
    public Set<String> roles;
    public String patientId;
    public boolean enabled;
    public boolean locked;
    public String createdAt;
    public String updatedAt;

    static UserView of(UserEntity u, Set<String> roles, long nowMs) {
        UserView v = new UserView();
        v.username = u.getUsername();
        v.roles = roles;
        v.patientId = u.getPatientId();
        v.enabled = u.isEnabled();
        v.locked = u.getLockedUntilMs() > nowMs;
        v.createdAt = Instant.ofEpochMilli(u.getCreatedMs()).toString();
        v.updatedAt = Instant.ofEpochMilli(u.getUpdatedMs()).toString();
        return v;
    }
}
