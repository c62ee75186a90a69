package org.pavilion.core.internal.security;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A bearer token in force. Only the token's SHA-256 is stored, so a database dump grants no access. */
@Entity
@Table(name = "core_session")
public class SessionEntity {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms", nullable = false)
    private long expiresMs;

    /** Last use as last written: at most about once a minute per session, so the idle bound holds across containers. */
    @Column(name = "last_used_ms", nullable = false)
    private long lastUsedMs;

    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public long getExpiresMs() { return expiresMs; }
    public void setExpiresMs(long expiresMs) { this.expiresMs = expiresMs; }
    public long getLastUsedMs() { return lastUsedMs; }
    public void setLastUsedMs(long lastUsedMs) { this.lastUsedMs = lastUsedMs; }
}
