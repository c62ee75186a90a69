package org.pavilion.core.internal.security;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A requested password reset. Only the token's SHA-256 is stored, so a database dump resets no password; used_ms is
 * set once, by the guarded update that accepts the token.
 */
@Entity
@Table(name = "core_password_reset")
public class PasswordResetEntity {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms", nullable = false)
    private long expiresMs;

    @Column(name = "used_ms")
    private Long usedMs;

    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public long getExpiresMs() { return expiresMs; }
    public void setExpiresMs(long expiresMs) { this.expiresMs = expiresMs; }
    public Long getUsedMs() { return usedMs; }
    public void setUsedMs(Long usedMs) { this.usedMs = usedMs; }
}
