package org.pavilion.core.internal.security;

/** A client address an account is locked for after too many failed logins from it, as administrators see it. */
public final class LockedAddress {
    public String clientAddress;
    public int failures;
    public String lockedUntil;
}
