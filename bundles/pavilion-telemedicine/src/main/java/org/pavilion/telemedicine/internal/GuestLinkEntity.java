package org.pavilion.telemedicine.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A single-use guest link; the token itself is never stored, only its SHA-256. */
@Entity
@Table(name = "telemedicine_guest_link")
public class GuestLinkEntity {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "consultation_id", nullable = false, length = 36)
    private String consultationId;

    @Column(name = "guest_label", nullable = false, length = 100)
    private String guestLabel;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms", nullable = false)
    private long expiresMs;

    @Column(name = "redeemed_ms")
    private Long redeemedMs;

    @Column(name = "redeemed_address", length = 64)
    private String redeemedAddress;

    @Column(name = "session_hash", length = 64)
    private String sessionHash;

    @Column(name = "session_expires_ms")
    private Long sessionExpiresMs;

    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public String getConsultationId() { return consultationId; }
    public void setConsultationId(String consultationId) { this.consultationId = consultationId; }
    public String getGuestLabel() { return guestLabel; }
    public void setGuestLabel(String guestLabel) { this.guestLabel = guestLabel; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public long getExpiresMs() { return expiresMs; }
    public void setExpiresMs(long expiresMs) { this.expiresMs = expiresMs; }
    public Long getRedeemedMs() { return redeemedMs; }
    public void setRedeemedMs(Long redeemedMs) { this.redeemedMs = redeemedMs; }
    public String getRedeemedAddress() { return redeemedAddress; }
    public void setRedeemedAddress(String redeemedAddress) { this.redeemedAddress = redeemedAddress; }
    public String getSessionHash() { return sessionHash; }
    public void setSessionHash(String sessionHash) { this.sessionHash = sessionHash; }
    public Long getSessionExpiresMs() { return sessionExpiresMs; }
    public void setSessionExpiresMs(Long sessionExpiresMs) { this.sessionExpiresMs = sessionExpiresMs; }
}
