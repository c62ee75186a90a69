package org.pavilion.telemedicine.internal;

/** A created guest link: the token is shown this once and stored only as its hash. */
public class GuestLink {
    public String consultationId;
    public String guestLabel;
    public String token;
    public String expiresAt;
}
