package org.pavilion.telemedicine.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
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
 * others of its room only; tells a waiting patient when the doctor admits them, and closes the room when the
 * consultation ends. Never logs what a message says.
 */
@Component(service = SignalRooms.class)
public class SignalRooms {

    private static final Logger LOG = LoggerFactory.getLogger(SignalRooms.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One open connection and who it is. */
    record Member(Session session, Participant participant) {
    }

    private final Map<String, List<Member>> rooms = new ConcurrentHashMap<>();

    void join(Member member) {
        rooms.computeIfAbsent(member.participant().consultationId(), k -> new CopyOnWriteArrayList<>()).add(member);
        ObjectNode joined = JSON.createObjectNode().put("type", "peer-joined");
        from(joined, member);
        relay(member, joined);
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

    /** Sends {@code message} to every member of the sender's room but the sender. @return how many got it */
    int relay(Member sender, ObjectNode message) {
        List<Member> room = rooms.getOrDefault(sender.participant().consultationId(), List.of());
        String text = message.toString();
        int sent = 0;
        for (Member m : room) {
            if (m.session() != sender.session() && send(m.session(), text)) {
                sent++;
            }
        }
        return sent;
    }

    static ObjectNode from(ObjectNode message, Member member) {
        message.putObject("from").put("id", member.session().getId())
                .put("role", member.participant().role().name()).put("name", member.participant().name());
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
