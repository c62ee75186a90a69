package org.pavilion.telemedicine.internal;

import java.util.List;
import java.util.Map;

/**
 * What a participant needs to join a room: a single-use ticket for the signalling WebSocket (a browser cannot put a
 * bearer token on a WebSocket, and the session cookie is scoped to /api), its path, and the ICE servers.
 */
public class SignalAccess {
    public String consultationId;
    public String role;
    public String ticket;
    /**
     * Path of the WebSocket on this host, in the signalling's own servlet context:
     * {@code /telemedicine-signal/<consultationId>?ticket=<ticket>}.
     */
    public String path;
    public long expiresInSeconds;
    /** RTCIceServer entries ({@code urls}, and for TURN {@code username}/{@code credential}). */
    public List<Map<String, Object>> iceServers;
}
