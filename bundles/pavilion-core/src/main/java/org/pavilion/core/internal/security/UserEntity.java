package org.pavilion.core.internal.security;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A user account; its roles are rows of core_user_role (see RoleStore). */
@Entity
@Table(name = "core_user")
public class UserEntity {

    @Id
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until_ms", nullable = false)
    private long lockedUntilMs;

    /** The user must choose a new password before doing anything else (first administrator, temporary passwords). */
    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getFailedLogins() { return failedLogins; }
    public void setFailedLogins(int failedLogins) { this.failedLogins = failedLogins; }
    public long getLockedUntilMs() { return lockedUntilMs; }
    public void setLockedUntilMs(long lockedUntilMs) { this.lockedUntilMs = lockedUntilMs; }
    public boolean isPasswordChangeRequired() { return passwordChangeRequired; }
    public void setPasswordChangeRequired(boolean required) { this.passwordChangeRequired = required; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
}
