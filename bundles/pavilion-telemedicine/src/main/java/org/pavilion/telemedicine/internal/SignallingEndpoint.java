package org.pavilion.telemedicine.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.websocket.CloseReason;
import javax.websocket.OnClose;
import javax.websocket.OnError;
import javax.websocket.OnMessage;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.PathParam;
import javax.websocket.server.ServerEndpoint;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The WebRTC signalling WebSocket at {@code /telemedicine-signal/{consultationId}?ticket=...}, served by the container:
 * this one instance, serving every connection, is a whiteboard WebSocket service (Pax Web's extender, JSR 356 on its
 * Jetty) in the department's own servlet context ({@link SignallingContext}), so adding or removing it restarts that
 * context only, never the "/" of the web UI and /api. It goes when the component stops. The ticket, issued over REST
 * to the caller's own session,
 * binds the connection to one participant of one consultation; anything else is closed with 1008 (policy violation).
 * Messages ({@code offer, answer, ice, chat, bye}) go to the other participants of the room only (or to the one named
 * by {@code to}), size-bounded, and are never logged with their content; a full room refuses a newcomer (1008).
 */
@Component(service = SignallingEndpoint.class, immediate = true, property = {
    SignallingEndpoint.WHITEBOARD_WEBSOCKET + "=true",
    "osgi.http.whiteboard.context.select=" + SignallingContext.SELECT })
@ServerEndpoint("/{consultationId}")
public class SignallingEndpoint {

    /** What a ticket's path starts with: the context's path, then the endpoint's {@code /{consultationId}}. */
    static final String PATH_PREFIX = SignallingContext.PATH + "/";
    /** Pax Web 8's whiteboard property for a JSR 356 endpoint service (PaxWebConstants.SERVICE_PROPERTY_WEBSOCKET). */
    static final String WHITEBOARD_WEBSOCKET = "org.ops4j.pax.web.http.whiteboard.websocket";
    static final Set<String> RELAYED = Set.of("offer", "answer", "ice", "chat", "bye");
    private static final String MEMBER = "pavilion.telemedicine.member";
    private static final String RATE = "pavilion.telemedicine.rate";
    private static final Logger LOG = LoggerFactory.getLogger(SignallingEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsultationService consultations;
    private final SignalTickets tickets;
    private final SignalRooms rooms;
    private final TelemedicineSettings settings;

    @Activate
    public SignallingEndpoint(@Reference ConsultationService consultations, @Reference SignalTickets tickets,
            @Reference SignalRooms rooms, @Reference TelemedicineSettings settings) {
        this.consultations = consultations;
        this.tickets = tickets;
        this.rooms = rooms;
        this.settings = settings;
    }

    @OnOpen
    public void open(Session session, @PathParam("consultationId") String consultationId) {
        TelemedicineSettings.Values config = settings.values();
        int max = config.maxMessageBytes();
        session.setMaxTextMessageBufferSize(max);
        session.setMaxBinaryMessageBufferSize(1024);
        List<String> ticket = session.getRequestParameterMap().getOrDefault("ticket", List.of());
        Optional<Participant> participant = ticket.size() == 1 ? tickets.redeem(ticket.get(0), consultationId)
                : Optional.empty();
        if (participant.isEmpty()) {
            Caller unknown = Caller.inContainer("signalling:no-ticket", Set.of(), peerAddress(session));
            consultations.auditJoin(new Participant(consultationId, Participant.Role.GUEST, "unknown", unknown),
                    consultationId, AuditOutcome.DENIED, "signalling without a valid ticket");
            refuse(session, "a valid ticket for this consultation is required");
            return;
        }
        Participant p = participant.get();
        ConsultationState state = consultations.state(consultationId).orElse(ConsultationState.CANCELLED);
        boolean allowed = state == ConsultationState.IN_CALL
                || state == ConsultationState.WAITING && p.role() == Participant.Role.PATIENT;
        if (!allowed) {
            consultations.auditJoin(p, consultationId, AuditOutcome.DENIED, "signalling while " + state);
            refuse(session, "the consultation is " + state);
            return;
        }
        SignalRooms.Member member = new SignalRooms.Member(session, p);
        session.getUserProperties().put(MEMBER, member);
        session.getUserProperties().put(RATE, new MessageRate(config.maxMessagesPerSecond()));
        String welcome = JSON.createObjectNode().put("type", "welcome").put("id", session.getId())
                .put("role", p.role().name()).put("state", state.name()).toString();
        if (!rooms.join(member, config.maxParticipants(), welcome)) {
            session.getUserProperties().remove(MEMBER);
            consultations.auditJoin(p, consultationId, AuditOutcome.DENIED, "signalling refused: the room is full");
            reply(session, "room-full", "this call already has " + config.maxParticipants() + " participants");
            refuse(session, "room full");
            return;
        }
        consultations.auditJoin(p, consultationId, AuditOutcome.SUCCESS,
                p.role() + " " + p.name() + " joined the signalling from " + p.caller().clientAddress());
    }

    @OnMessage
    public void message(Session session, String text) {
        SignalRooms.Member member = (SignalRooms.Member) session.getUserProperties().get(MEMBER);
        if (member == null) {
            return;
        }
        MessageRate rate = (MessageRate) session.getUserProperties().get(RATE);
        if (!rate.allow()) {
            // Counted before parsing: a flood costs us no JSON work. The room sees the member leave.
            LOG.debug("Signalling connection {} sent more than {} messages in a second: closed", session.getId(),
                    rate.max());
            SignalRooms.close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "too many messages: at most " + rate.max() + " per second"));
            return;
        }
        ObjectNode message;
        try {
            JsonNode parsed = JSON.readTree(text);
            if (!(parsed instanceof ObjectNode) || !RELAYED.contains(parsed.path("type").asText())) {
                reply(session, "unknown-type", "type must be one of " + RELAYED);
                return;
            }
            message = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
            reply(session, "not-json", "a signalling message is one JSON object");
            return;
        }
        if (member.participant().role() == Participant.Role.PATIENT
                && consultations.state(member.participant().consultationId()).orElse(null) != ConsultationState.IN_CALL) {
            reply(session, "not-admitted", "the doctor has not admitted you yet");
            return;
        }
        JsonNode to = message.get("to");
        if (to != null && !to.isTextual()) {
            reply(session, "bad-to", "to names one participant by the id in its from.id");
            return;
        }
        message.remove("from"); // set by us, never by the sender
        rooms.relay(member, SignalRooms.from(message, member));
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        SignalRooms.Member member = (SignalRooms.Member) session.getUserProperties().get(MEMBER);
        if (member != null) {
            rooms.leave(session, member.participant().consultationId());
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // Too large a message, a dropped network: the connection goes; its content is not logged.
        LOG.debug("Signalling connection {} failed: {}", session.getId(), failure.getClass().getName());
    }

    /**
     * The connection's peer address, for the audit record of a refused connection (JSR 356 has no API for it; Jetty's
     * session has {@code getRemoteAddress()}). A participant's own address is the one its ticket's REST request had.
     */
    static String peerAddress(Session session) {
        try {
            Object address = session.getClass().getMethod("getRemoteAddress").invoke(session);
            if (address instanceof InetSocketAddress) {
                return ((InetSocketAddress) address).getAddress().getHostAddress();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("No peer address for signalling connection {}", session.getId());
        }
        return "unknown";
    }

    private static void reply(Session session, String code, String detail) {
        SignalRooms.send(session, JSON.createObjectNode().put("type", "error").put("code", code)
                .put("detail", detail).toString());
    }

    private static void refuse(Session session, String why) {
        SignalRooms.close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why));
    }

}
