package org.pavilion.telemedicine.internal;

/** {@code POST .../guest-links}: who the guest is (shown to the others, e.g. "Interpreter") and how long it is valid. */
public class GuestLinkRequest {
    public String guestLabel;
    public Integer validMinutes;
}
