package org.pavilion.notifications.internal.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.notifications.internal.NotificationClock;

/**
 * The rules: {@link RuleBook} for the intake, answered from memory, and the administrator's edits through REST, each
 * one transaction with its audit record ({@code notification-rule}) after which the rules are read again. A row written
 * around this service (SQL, another container's edit) is seen after the next edit here or {@link #reload()}.
 */
@Component(service = {RuleBook.class, RuleService.class})
public class RuleService implements RuleBook {

    static final String AUDIT = "notification-rule";
    static final Set<String> RECIPIENTS = Set.of(RuleView.PATIENT, RuleView.ORDERING_DOCTOR, RuleView.NOTIFIED_USER,
            RuleView.ACCOUNT, RuleView.ADDRESSES);
    static final Pattern CHANNEL = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_OFFSET = 43200;

    /** A stored rule with what REST shows besides the view. */
    private record Row(RuleView view, boolean seeded, long updatedMs, String updatedBy, int version) {
    }

    private record Snapshot(Map<String, Row> byId, Map<String, List<RuleView>> enabledByEvent) {
    }

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final NotificationClock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    @Activate
    public RuleService(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference NotificationClock clock) {
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.clock = clock;
        reload();
    }

    /** Reads every rule again; serialised, so an older read never replaces a newer one. */
    public synchronized void reload() {
        List<RuleEntity> all = jpa.call(em -> em.createQuery("SELECT r FROM RuleEntity r", RuleEntity.class)
                .getResultList());
        Map<String, Row> byId = new LinkedHashMap<>();
        Map<String, List<RuleView>> byEvent = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(RuleEntity::getId)).forEach(r -> {
            RuleView v = view(r);
            byId.put(r.getId(), new Row(v, r.isSeeded(), r.getUpdatedMs(), r.getUpdatedBy(), r.getVersion()));
            if (v.enabled()) {
                byEvent.computeIfAbsent(v.eventType(), k -> new ArrayList<>()).add(v);
            }
        });
        byEvent.replaceAll((k, v) -> List.copyOf(v));
        snapshot = new Snapshot(Map.copyOf(byId), Map.copyOf(byEvent));
    }

    // --- RuleBook: from memory ---

    @Override
    public List<RuleView> forEvent(String eventType) {
        return snapshot.enabledByEvent().getOrDefault(eventType, List.of());
    }

    // --- reads for REST: from memory ---

    /** Rules by id; {@code eventType}, {@code templateKey} filter when given. */
    public Page<RuleDto> list(String eventType, String templateKey, int page, int size) {
        Page.validate(page, size);
        List<Row> found = snapshot.byId().values().stream()
                .filter(r -> eventType == null || eventType.isBlank() || r.view().eventType().equals(eventType.strip()))
                .filter(r -> templateKey == null || templateKey.isBlank()
                        || r.view().templateKey().equals(templateKey.strip()))
                .sorted(Comparator.comparing(r -> r.view().id()))
                .toList();
        return new Page<>(found.stream().skip((long) page * size).limit(size).map(RuleService::dto).toList(), page,
                size, found.size());
    }

    public RuleDto get(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Rule", id));
    }

    private Optional<RuleDto> find(String id) {
        return Optional.ofNullable(id == null ? null : snapshot.byId().get(id)).map(RuleService::dto);
    }

    // --- edits: one audited transaction each, then the rules are read again ---

    /** A new rule (its id chosen by the caller); 409 when the id exists. */
    public RuleDto create(RuleDto in) {
        String id = Problems.strip(in.id);
        Problems problems = new Problems();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("id is required: lower-case letters, digits and dashes, at most 64");
        }
        try {
            Problems.write(emf, audit, "Rule " + id, em -> {
                RuleView v = validated(em, id, in, true, problems);
                if (em.find(RuleEntity.class, id) != null) {
                    throw ProblemException.conflict("Rule " + id + " exists: change it with PUT");
                }
                RuleEntity r = new RuleEntity();
                r.setId(id);
                copy(v, r);
                r.setSeeded(false);
                em.persist(r);
                return AuditedTransaction.Done.of(id, record("CREATE", r));
            });
        } finally {
            reload();
        }
        return get(id);
    }

    /** Replaces the rule (its {@code version} must be the stored one, else 409); a seeded rule stays seeded. */
    public RuleDto replace(String id, RuleDto in) {
        Problems problems = new Problems();
        if (in.id != null && !in.id.isBlank() && !in.id.strip().equals(id)) {
            problems.add("id '" + in.id.strip() + "' is not the id of the address (" + id + ")");
        }
        if (in.version == null) {
            throw ProblemException.conflict("Rule " + id + " exists: send its version to replace it");
        }
        try {
            Problems.write(emf, audit, "Rule " + id, em -> {
                RuleEntity r = em.find(RuleEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
                if (r == null) {
                    throw ProblemException.notFound("Rule", id);
                }
                if (r.getVersion() != in.version) {
                    throw Problems.changedMeanwhile("Rule " + id);
                }
                RuleView v = validated(em, id, in, r.isEnabled(), problems);
                copy(v, r);
                return AuditedTransaction.Done.of(id, record("UPDATE", r));
            });
        } finally {
            reload();
        }
        return get(id);
    }

    /** Deletes a rule an administrator made; a seeded rule answers 409 (disable it instead). */
    public void delete(String id) {
        try {
            Problems.write(emf, audit, "Rule " + id, em -> {
                RuleEntity r = em.find(RuleEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
                if (r == null) {
                    throw ProblemException.notFound("Rule", id);
                }
                if (r.isSeeded()) {
                    throw ProblemException.conflict("Rule " + id + " comes with Pavilion and cannot be deleted: "
                            + "disable it instead (PUT with enabled false)");
                }
                em.remove(r);
                return AuditedTransaction.Done.of(id, record("DELETE", r));
            });
        } finally {
            reload();
        }
    }

    private void copy(RuleView v, RuleEntity r) {
        r.setEventType(v.eventType());
        r.setRecipient(v.recipient());
        r.setAddresses(v.addresses().isEmpty() ? null : String.join(",", v.addresses()));
        r.setChannel(v.channel());
        r.setTemplateKey(v.templateKey());
        r.setUrgent(v.urgent());
        r.setClinicalDetail(v.clinicalDetail());
        r.setOffsetMinutes(v.offsetMinutes());
        r.setEnabled(v.enabled());
        r.setUpdatedMs(clock.millis());
        r.setUpdatedBy(Problems.editor());
    }

    /**
     * The rule {@code in} describes, or a 422 naming every problem. Checked against the templates of its key as they
     * are in this transaction. A missing {@code enabled} keeps {@code enabledBefore}.
     */
    private static RuleView validated(EntityManager em, String id, RuleDto in, boolean enabledBefore,
            Problems problems) {
        String eventType = Problems.strip(in.eventType);
        String recipient = Problems.strip(in.recipient);
        String channel = Problems.strip(in.channel);
        String key = Problems.strip(in.templateKey);
        boolean enabled = in.enabled == null ? enabledBefore : in.enabled;
        boolean clinical = Boolean.TRUE.equals(in.clinicalDetail);
        List<String> addresses = in.addresses == null ? List.of() : in.addresses.stream().map(Problems::strip)
                .filter(a -> a != null).toList();

        Optional<EventCatalogue.EventType> type = EventCatalogue.type(eventType);
        if (type.isEmpty()) {
            problems.add("eventType " + (eventType == null ? "is required" : "'" + eventType + "' is not one of "
                    + String.join(", ", EventCatalogue.all().stream().map(EventCatalogue.EventType::name).toList())));
        }
        if (recipient == null || !RECIPIENTS.contains(recipient)) {
            problems.add("recipient must be one of " + String.join(", ", RECIPIENTS.stream().sorted().toList())
                    + (recipient == null ? "" : " (was '" + recipient + "')"));
        } else if (type.isPresent() && !type.get().recipients().contains(recipient)) {
            problems.add("recipient " + recipient + " is not possible for " + eventType + ": "
                    + String.join(", ", type.get().recipients()));
        }
        if (RuleView.ADDRESSES.equals(recipient)) {
            if (addresses.isEmpty() && enabled) {
                problems.add("recipient ADDRESSES needs addresses (e-mail addresses or E.164 phone numbers) "
                        + "before the rule can be enabled");
            }
            for (String a : addresses) {
                if (!EMAIL.matcher(a).matches() && !E164.matcher(a).matches()) {
                    problems.add("address '" + a + "' is neither an e-mail address nor an E.164 phone number");
                }
            }
            if (String.join(",", addresses).length() > 1000) {
                problems.add("addresses are longer than 1000 characters together");
            }
        } else if (!addresses.isEmpty()) {
            problems.add("addresses are only for recipient ADDRESSES");
        }
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            problems.add("channel must be upper-case letters, digits and _ starting with a letter, e.g. EMAIL or SMS"
                    + (channel == null ? "" : " (was '" + channel + "')"));
        }
        if (EventCatalogue.APPOINTMENT_REMINDER.equals(eventType)) {
            if (in.offsetMinutes == null || in.offsetMinutes < 1 || in.offsetMinutes > MAX_OFFSET) {
                problems.add("offsetMinutes is required for AppointmentReminder: 1 to " + MAX_OFFSET
                        + (in.offsetMinutes == null ? "" : " (was " + in.offsetMinutes + ")"));
            }
        } else if (in.offsetMinutes != null) {
            problems.add("offsetMinutes is only for AppointmentReminder");
        }
        if (key == null || !KEY.matcher(key).matches()) {
            problems.add("templateKey is required: lower-case letters, digits and dashes, at most 100");
        } else if (channel != null) {
            List<TemplateEntity> templates = TemplateService.ofKey(em, key);
            if (templates.stream().noneMatch(t -> t.getChannel().equals(channel))) {
                problems.add("templateKey " + key + " has no template for channel " + channel + ": create one first");
            }
            if (type.isPresent()) {
                List<TemplateChecks.Use> use = List.of(new TemplateChecks.Use(id == null ? "(new)" : id, eventType,
                        clinical));
                for (TemplateEntity t : templates) {
                    problems.addAll(TemplateService.fieldProblems(t, use));
                }
            }
        }
        problems.throwIfAny();
        return new RuleView(id, eventType, recipient, addresses, channel, key, Boolean.TRUE.equals(in.urgent),
                clinical, EventCatalogue.APPOINTMENT_REMINDER.equals(eventType) ? in.offsetMinutes : null, enabled);
    }

    static RuleView view(RuleEntity r) {
        List<String> addresses = r.getAddresses() == null || r.getAddresses().isBlank() ? List.of()
                : Arrays.stream(r.getAddresses().split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        return new RuleView(r.getId(), r.getEventType(), r.getRecipient(), addresses, r.getChannel(),
                r.getTemplateKey(), r.isUrgent(), r.isClinicalDetail(), r.getOffsetMinutes(), r.isEnabled());
    }

    private static RuleDto dto(Row row) {
        RuleView v = row.view();
        RuleDto d = new RuleDto();
        d.id = v.id();
        d.eventType = v.eventType();
        d.recipient = v.recipient();
        d.addresses = v.addresses();
        d.channel = v.channel();
        d.templateKey = v.templateKey();
        d.urgent = v.urgent();
        d.clinicalDetail = v.clinicalDetail();
        d.offsetMinutes = v.offsetMinutes();
        d.enabled = v.enabled();
        d.seeded = row.seeded();
        d.updatedMs = row.updatedMs();
        d.updatedBy = row.updatedBy();
        d.version = row.version();
        return d;
    }

    private static AuditEvent record(String action, RuleEntity r) {
        return AuditEvent.of(action, AUDIT).resourceId(r.getId()).detail(r.getEventType() + " -> " + r.getRecipient()
                + " " + r.getChannel() + " " + r.getTemplateKey() + (r.isEnabled() ? "" : " (disabled)")).build();
    }
}
