package org.pavilion.telemedicine.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.websocket.CloseReason;
import javax.websocket.Session;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The open signalling connections of each consultation, in this container. Relays a participant's message to the
 * others of its room only, or to the one member it is addressed to ({@code to}: that member's connection id, as in
 * {@code from.id}); tells a waiting patient when the doctor admits them, and closes the room when the consultation
 * ends. A room holds at most a configured number of connections (a call is a mesh: each browser sends its media to
 * every other). Never logs what a message says.
 */
@Component(service = SignalRooms.class)
public class SignalRooms {

    private static final Logger LOG = LoggerFactory.getLogger(SignalRooms.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The page's own id ({@code ?client=} on the WebSocket URL): how the others recognise a page reconnecting. */
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9-]{8,64}");

    /** One open connection and who it is. */
    record Member(Session session, Participant participant) {

        /** The browser page behind the connection, stable across its reconnections; null when it named none. */
        String client() {
            List<String> named = session.getRequestParameterMap() == null ? null
                    : session.getRequestParameterMap().get("client");
            return named != null && named.size() == 1 && CLIENT.matcher(named.get(0)).matches() ? named.get(0) : null;
        }

        /** The same page of the same participant: its older connection is stale once this one joins. */
        boolean samePage(Member other) {
            String client = client();
            return client != null && client.equals(other.client())
                    && participant.role() == other.participant().role()
                    && participant.name().equals(other.participant().name());
        }
    }

    private final Map<String, List<Member>> rooms = new ConcurrentHashMap<>();

    /**
     * Admits {@code member} to its room unless the room already holds {@code maxParticipants} connections: sends it
     * {@code welcome} first (so nothing reaches it before), then tells the others it joined. An older connection of
     * the same page (a drop the server has not noticed yet) is closed and does not count.
     *
     * @return false when the room is full (nothing was sent, nobody was told)
     */
    boolean join(Member member, int maxParticipants, String welcome) {
        String id = member.participant().consultationId();
        List<Member> stale = new java.util.ArrayList<>();
        synchronized (this) {
            List<Member> room = rooms.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
            for (Member m : room) {
                if (member.samePage(m)) {
                    stale.add(m);
                }
            }
            if (room.size() - stale.size() >= maxParticipants) {
                rooms.computeIfPresent(id, (k, v) -> v.isEmpty() ? null : v);
                return false;
            }
            room.removeAll(stale);
            send(member.session(), welcome);
            room.add(member);
        }
        for (Member m : stale) {
            close(m.session(), new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "replaced by a new connection"));
        }
        ObjectNode joined = JSON.createObjectNode().put("type", "peer-joined");
        from(joined, member);
        relay(member, joined);
        return true;
    }

    void leave(Session session, String consultationId) {
        List<Member> room = rooms.get(consultationId);
        if (room == null) {
            return;
        }
        for (Member m : room) {
            if (m.session() == session) {
                room.remove(m);
                ObjectNode left = JSON.createObjectNode().put("type", "peer-left");
                relay(m, from(left, m));
            }
        }
        rooms.computeIfPresent(consultationId, (k, v) -> v.isEmpty() ? null : v);
    }

    /**
     * Sends {@code message} to every member of the sender's room but the sender, or, when it names one in {@code to},
     * to that member only (none when it is not in the room any more). A guest is not told the patient's account name:
     * the patient is "the patient" to an interpreter or a relative. @return how many got it
     */
    int relay(Member sender, ObjectNode message) {
        List<Member> room = rooms.getOrDefault(sender.participant().consultationId(), List.of());
        String to = message.path("to").isTextual() ? message.path("to").asText() : null;
        String text = message.toString();
        String forGuests = null;
        int sent = 0;
        for (Member m : room) {
            if (m.session() == sender.session() || to != null && !to.equals(m.session().getId())) {
                continue;
            }
            String out = text;
            if (m.participant().role() == Participant.Role.GUEST
                    && sender.participant().role() == Participant.Role.PATIENT) {
                if (forGuests == null) {
                    ObjectNode copy = message.deepCopy();
                    ((ObjectNode) copy.path("from")).put("name", "");
                    forGuests = copy.toString();
                }
                out = forGuests;
            }
            if (send(m.session(), out)) {
                sent++;
            }
        }
        return sent;
    }

    static ObjectNode from(ObjectNode message, Member member) {
        ObjectNode from = message.putObject("from").put("id", member.session().getId())
                .put("role", member.participant().role().name()).put("name", member.participant().name());
        String client = member.client();
        if (client != null) {
            from.put("client", client);
        }
        return message;
    }

    /** The doctor admitted the patient: a waiting patient's connection learns it at once. */
    void admitted(String consultationId) {
        broadcast(consultationId, JSON.createObjectNode().put("type", "admitted").toString());
    }

    /** The consultation ended: everyone is told, then disconnected. */
    void ended(String consultationId) {
        List<Member> room = rooms.remove(consultationId);
        if (room == null) {
            return;
        }
        String text = JSON.createObjectNode().put("type", "ended").toString();
        for (Member m : room) {
            send(m.session(), text);
            close(m.session(), new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "consultation ended"));
        }
    }

    int size(String consultationId) {
        return rooms.getOrDefault(consultationId, List.of()).size();
    }

    private void broadcast(String consultationId, String text) {
        for (Member m : rooms.getOrDefault(consultationId, List.of())) {
            send(m.session(), text);
        }
    }

    /** One sender at a time per connection: JSR 356's basic remote is not safe for concurrent sends. */
    static boolean send(Session session, String text) {
        if (!session.isOpen()) {
            return false;
        }
        synchronized (session) {
            try {
                session.getBasicRemote().sendText(text);
                return true;
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Signalling connection {} could not be written to: {}", session.getId(), e.toString());
                return false;
            }
        }
    }

    static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Signalling connection {} did not close cleanly: {}", session.getId(), e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        for (String id : List.copyOf(rooms.keySet())) {
            List<Member> room = rooms.remove(id);
            if (room != null) {
                room.forEach(m -> close(m.session(),
                        new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "telemedicine stopping")));
            }
        }
    }
}
