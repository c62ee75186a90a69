package org.pavilion.notifications.internal.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.NotificationChannel.AddressKind;
import org.pavilion.notifications.internal.queue.NewNotification;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.pavilion.notifications.internal.recipients.Recipient;
import org.pavilion.notifications.internal.recipients.RecipientDirectory;
import org.pavilion.notifications.internal.rules.MessageRenderer;
import org.pavilion.notifications.internal.rules.Rendered;
import org.pavilion.notifications.internal.rules.RuleBook;
import org.pavilion.notifications.internal.rules.RuleView;
import org.pavilion.notifications.internal.intake.RuleTargets.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake: one event → its rules × their recipients → rendered (or suppressed) messages, all queued in one
 * transaction. Reads (rules, directory, templates) happen before it, so the transaction only writes. Exceptions
 * propagate: the bus (or the reminder route) tries again, and the dedup keys make the retry queue only what is missing.
 */
@Component(service = Intake.class)
public class EventIntake implements Intake {

    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

    public static final String OPTED_OUT = "OPTED_OUT", NO_ADDRESS = "NO_ADDRESS", ERASED = "ERASED",
            NO_TEMPLATE = "NO_TEMPLATE", NO_PATIENT_DIRECTORY = "NO_PATIENT_DIRECTORY";

    private final JpaTransactions jpa;
    private final RuleBook rules;
    private final RecipientDirectory directory;
    private final MessageRenderer renderer;
    private final NotificationQueue queue;
    /** Vendor channels by name (EMAIL and SMS are known without them). */
    private final Map<String, NotificationChannel> channels = new ConcurrentHashMap<>();

    @Activate
    public EventIntake(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference RuleBook rules, @Reference RecipientDirectory directory, @Reference MessageRenderer renderer,
            @Reference NotificationQueue queue) {
        this(new JpaTransactions(emf), rules, directory, renderer, queue);
    }

    /** Without OSGi (tests): call {@link #addChannel} as the container would. */
    public static EventIntake of(JpaTransactions jpa, RuleBook rules, RecipientDirectory directory,
            MessageRenderer renderer, NotificationQueue queue) {
        return new EventIntake(jpa, rules, directory, renderer, queue);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private EventIntake(JpaTransactions jpa, RuleBook rules, RecipientDirectory directory, MessageRenderer renderer,
            NotificationQueue queue) {
        this.jpa = jpa;
        this.rules = rules;
        this.directory = directory;
        this.renderer = renderer;
        this.queue = queue;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addChannel(NotificationChannel channel, Map<String, Object> properties) {
        channels.put(name(channel, properties), channel);
    }

    public void removeChannel(NotificationChannel channel, Map<String, Object> properties) {
        channels.remove(name(channel, properties), channel);
    }

    private static String name(NotificationChannel channel, Map<String, Object> properties) {
        Object n = properties == null ? null : properties.get(NotificationChannel.CHANNEL_PROPERTY);
        return n != null ? n.toString() : channel.name();
    }

    @Override
    public int accept(String eventId, String eventType, JsonNode event) {
        return accept(eventId, eventType, event, null);
    }

    @Override
    public int accept(String eventId, String eventType, JsonNode event, String onlyRuleId) {
        if (event == null || Json.redacted(event)) {
            return 0; // an erased patient's event: nothing to say, to no one
        }
        List<NewNotification> messages = messages(eventId, eventType, event, onlyRuleId);
        if (messages.isEmpty()) {
            return 0;
        }
        return jpa.call(em -> {
            int queued = 0;
            for (NewNotification n : messages) {
                if (queue.enqueue(em, n)) {
                    queued++;
                }
            }
            return queued;
        });
    }

    private List<NewNotification> messages(String eventId, String eventType, JsonNode event, String onlyRuleId) {
        List<NewNotification> out = new ArrayList<>();
        RuleTargets targets = new RuleTargets(directory, eventType, event);
        String subjectRef = SubjectRefs.of(eventType, event);
        String eventPatient = Json.text(event, "patientId");
        for (RuleView rule : rules.forEvent(eventType)) {
            if (onlyRuleId != null && !onlyRuleId.equals(rule.id())) {
                continue;
            }
            AddressKind kind = addressKind(rule.channel());
            if (kind == null) {
                LOG.warn("Rule {} names channel {}, which is not installed: its messages of {} are not made",
                        rule.id(), rule.channel(), eventType);
                continue;
            }
            for (Target t : targets.of(rule)) {
                out.add(message(eventId, eventType, event, subjectRef, eventPatient, rule, kind, t));
            }
        }
        return out;
    }

    private NewNotification message(String eventId, String eventType, JsonNode event, String subjectRef,
            String eventPatient, RuleView rule, AddressKind kind, Target t) {
        String dedup = eventId + "|" + rule.id() + "|" + t.ref() + "|" + rule.channel();
        Recipient r = t.found().orElse(null);
        // To or about a patient: the survivor's MRN when the directory followed a merge, else the event's.
        String patientId = r != null && r.patientId() != null ? r.patientId()
                : Recipient.PATIENT.equals(t.kind()) ? t.ref() : eventPatient;
        String recipientRef = r != null && r.ref() != null ? r.ref() : t.ref();
        String address = r == null ? null : r.address(kind);
        String language = r == null ? null : r.language();
        String reason = suppressed(rule, t, r, address);
        String subject = null, body = null;
        if (reason == null) {
            Optional<Rendered> text = renderer.render(rule, language, event, r.name());
            if (text.isPresent()) {
                subject = text.get().subject();
                body = text.get().body();
                language = text.get().language();
            } else {
                reason = NO_TEMPLATE;
            }
        }
        return new NewNotification(dedup, eventType, eventId, rule.id(), subjectRef, t.kind(), recipientRef,
                patientId, rule.channel(), reason == null ? address : null, language, subject, body, rule.urgent(),
                reason);
    }

    private String suppressed(RuleView rule, Target t, Recipient r, String address) {
        if (r == null) {
            return Recipient.PATIENT.equals(t.kind()) && !directory.patientDirectoryInstalled() ? NO_PATIENT_DIRECTORY : NO_ADDRESS;
        }
        if (r.erased()) {
            return ERASED;
        }
        boolean urgentStaffAlert = rule.urgent() && !Recipient.PATIENT.equals(r.kind());
        if (!urgentStaffAlert && r.optedOut().contains(rule.channel())) {
            return OPTED_OUT;
        }
        return address == null || address.isBlank() ? NO_ADDRESS : null;
    }

    /** EMAIL and SMS are built in; any other channel must be installed. Null: unknown. */
    private AddressKind addressKind(String channel) {
        if ("EMAIL".equals(channel)) {
            return AddressKind.EMAIL;
        }
        if ("SMS".equals(channel)) {
            return AddressKind.PHONE;
        }
        NotificationChannel c = channel == null ? null : channels.get(channel);
        return c == null ? null : c.addressKind();
    }
}
