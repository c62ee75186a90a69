package org.pavilion.telemedicine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The department's configuration as the other components read it; replaced as a whole on every change, so a reader
 * sees one consistent version.
 */
@Component(service = TelemedicineSettings.class, configurationPid = TelemedicineSettings.PID)
@Designate(ocd = TelemedicineConfig.class)
public class TelemedicineSettings {

    public static final String PID = "org.pavilion.telemedicine";

    /** One consistent reading of the configuration. */
    record Values(List<String> stunUrls, List<String> turnUrls, String turnUsername, String turnCredential,
            int guestLinkDefaultMinutes, int guestLinkMaxMinutes, int guestSessionMinutes, int signalTicketSeconds,
            int maxMessageBytes, int maxMessagesPerSecond, long maxFileBytes, Set<String> allowedFileTypes,
            int maxParticipants) {

        static final int DEFAULT_MAX_PARTICIPANTS = 4;

        Values(List<String> stunUrls, List<String> turnUrls, String turnUsername, String turnCredential,
                int guestLinkDefaultMinutes, int guestLinkMaxMinutes, int guestSessionMinutes, int signalTicketSeconds,
                int maxMessageBytes, int maxMessagesPerSecond, long maxFileBytes, Set<String> allowedFileTypes) {
            this(stunUrls, turnUrls, turnUsername, turnCredential, guestLinkDefaultMinutes, guestLinkMaxMinutes,
                    guestSessionMinutes, signalTicketSeconds, maxMessageBytes, maxMessagesPerSecond, maxFileBytes,
                    allowedFileTypes, DEFAULT_MAX_PARTICIPANTS);
        }

        /** The RTCIceServer list a browser hands to RTCPeerConnection; TURN credentials only when configured. */
        List<Map<String, Object>> iceServers() {
            List<Map<String, Object>> servers = new ArrayList<>();
            if (!stunUrls.isEmpty()) {
                servers.add(Map.of("urls", stunUrls));
            }
            if (!turnUrls.isEmpty()) {
                Map<String, Object> turn = new LinkedHashMap<>();
                turn.put("urls", turnUrls);
                if (!turnUsername.isEmpty()) {
                    turn.put("username", turnUsername);
                    turn.put("credential", turnCredential);
                }
                servers.add(turn);
            }
            return servers;
        }
    }

    private volatile Values values;

    @Activate
    public TelemedicineSettings(TelemedicineConfig config) {
        modified(config);
    }

    /** For tests. */
    TelemedicineSettings(Values values) {
        this.values = values;
    }

    @Modified
    void modified(TelemedicineConfig c) {
        values = new Values(urls(c.stunUrls(), "stun:", "stuns:"), urls(c.turnUrls(), "turn:", "turns:"),
                c.turnUsername().trim(), c.turnCredential(), atLeast(c.guestLinkDefaultMinutes(), 1),
                atLeast(c.guestLinkMaxMinutes(), 1), atLeast(c.guestSessionMinutes(), 5), atLeast(c.signalTicketSeconds(), 5),
                atLeast(c.maxMessageBytes(), 4096), atLeast(c.maxMessagesPerSecond(), 1),
                Math.max(c.maxFileBytes(), 1024L), mediaTypes(c.allowedFileTypes()),
                Math.min(Math.max(c.maxParticipants(), 2), 8));
    }

    Values values() {
        return values;
    }

    static Values defaults() {
        return new Values(List.of(), List.of(), "", "", 60, 1440, 240, 60, 65536, 50, 10L * 1024 * 1024,
                Set.of("application/pdf", "image/jpeg", "image/png"));
    }

    /** Comma-separated or multi-valued; an entry with another scheme is a configuration error, refused loudly. */
    private static List<String> urls(String[] configured, String... schemes) {
        List<String> urls = new ArrayList<>();
        for (String entry : configured == null ? new String[0] : configured) {
            for (String url : entry.split(",")) {
                String u = url.trim();
                if (u.isEmpty()) {
                    continue;
                }
                if (Arrays.stream(schemes).noneMatch(u::startsWith)) {
                    throw new IllegalArgumentException("ICE server URL " + u + " must start with one of "
                            + Arrays.toString(schemes));
                }
                urls.add(u);
            }
        }
        return List.copyOf(urls);
    }

    /** Comma-separated or multi-valued media types, compared in lower case without parameters. */
    private static Set<String> mediaTypes(String[] configured) {
        Set<String> types = new LinkedHashSet<>();
        for (String entry : configured == null ? new String[0] : configured) {
            for (String type : entry.split(",")) {
                String t = mediaType(type);
                if (t == null) {
                    continue;
                }
                if (!t.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
                    throw new IllegalArgumentException("allowedFileTypes entry " + type.trim() + " is not a media type");
                }
                types.add(t);
            }
        }
        return Collections.unmodifiableSet(types);
    }

    /** {@code Image/PNG; q=1} as {@code image/png}; null for none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String t = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    private static int atLeast(int value, int min) {
        return Math.max(value, min);
    }
}
