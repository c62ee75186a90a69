package org.pavilion.telemedicine.internal;

/** {@code POST /telemedicine/guest/redeem} in and out. */
public class GuestRedemption {
    /** In: the link's token. */
    public String token;
    /** Out: the guest's session, sent as header {@code X-Telemedicine-Guest} on the guest's later calls. */
    public String guestSession;
    public String consultationId;
    public String guestLabel;
    public String sessionExpiresAt;
}
