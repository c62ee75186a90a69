package org.pavilion.telemedicine.internal;

import org.pavilion.core.api.security.Caller;

/**
 * Someone a signalling ticket admits to one consultation's room: its host, its patient, or a guest who redeemed one
 * of its links. {@code caller} carries the address the REST request came from (resolved by core behind trusted
 * proxies), which the join's audit record names.
 */
record Participant(String consultationId, Role role, String name, Caller caller) {

    enum Role { HOST, PATIENT, GUEST }
}
