package org.pavilion.telemedicine.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Single-use tickets for the signalling WebSocket, kept in memory (a ticket lives seconds; a restart only makes the
 * participant ask for a new one). Stored under their hash, like every other token of the department.
 */
@Component(service = SignalTickets.class)
public class SignalTickets {

    private record Issued(Participant participant, long expiresMs) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    @Activate
    public SignalTickets() {
        this(Clock.systemUTC());
    }

    SignalTickets(Clock clock) {
        this.clock = clock;
    }

    String issue(Participant participant, int validSeconds) {
        long now = clock.millis();
        issued.values().removeIf(i -> i.expiresMs() <= now);
        String ticket = Tokens.newToken();
        issued.put(Tokens.hash(ticket), new Issued(participant, now + validSeconds * 1000L));
        return ticket;
    }

    /** The ticket's participant if it is unused, unexpired and for {@code consultationId}; used up either way. */
    Optional<Participant> redeem(String ticket, String consultationId) {
        if (!Tokens.wellFormed(ticket)) {
            return Optional.empty();
        }
        Issued i = issued.remove(Tokens.hash(ticket));
        if (i == null || i.expiresMs() <= clock.millis() || !i.participant().consultationId().equals(consultationId)) {
            return Optional.empty();
        }
        return Optional.of(i.participant());
    }
}
