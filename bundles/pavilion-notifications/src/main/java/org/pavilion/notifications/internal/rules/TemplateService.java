package org.pavilion.notifications.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

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
 * The message templates: one per key, channel and language, each edit one transaction with its audit record
 * ({@code notification-template}). A template must compile and fit every rule that uses its key (fields of the rule's
 * event type, clinical ones only under clinical detail); the renderer reads them per message.
 */
@Component(service = TemplateService.class)
public class TemplateService {

    static final String AUDIT = "notification-template";
    static final String EMAIL = "EMAIL", SMS = "SMS";
    static final int MAX_BODY = 4000, MAX_SMS_BODY = 480, MAX_SUBJECT = 300;

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final NotificationClock clock;

    @Activate
    public TemplateService(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference NotificationClock clock) {
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.clock = clock;
    }

    /** Templates by key, channel and language; the filters given narrow the list. */
    public Page<TemplateDto> list(String key, String channel, String language, int page, int size) {
        Page.validate(page, size);
        String k = Problems.strip(key), c = Problems.strip(channel);
        String l = language == null || language.isBlank() ? null : Languages.normalise(language);
        if (language != null && !language.isBlank() && l == null) {
            throw ProblemException.validation("language must be a BCP 47 tag such as fr or fr-CA (was '"
                    + language.strip() + "')");
        }
        // only the filters given, so no untyped null parameter reaches PostgreSQL
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (k != null) {
            where.append(" AND t.templateKey = :k");
        }
        if (c != null) {
            where.append(" AND t.channel = :c");
        }
        if (l != null) {
            where.append(" AND t.language = :l");
        }
        return jpa.call(em -> {
            List<TemplateDto> items = bind(em.createQuery("SELECT t FROM TemplateEntity t" + where
                    + " ORDER BY t.templateKey, t.channel, t.language", TemplateEntity.class), k, c, l)
                    .setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(TemplateService::dto).toList();
            return Page.of(items, page, size, () -> bind(em.createQuery("SELECT COUNT(t) FROM TemplateEntity t"
                    + where, Long.class), k, c, l).getSingleResult());
        });
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, String k, String c, String l) {
        if (k != null) {
            q.setParameter("k", k);
        }
        if (c != null) {
            q.setParameter("c", c);
        }
        if (l != null) {
            q.setParameter("l", l);
        }
        return q;
    }

    public TemplateDto get(String id) {
        return jpa.call(em -> {
            TemplateEntity t = id == null ? null : em.find(TemplateEntity.class, id);
            if (t == null) {
                throw ProblemException.notFound("Template", id);
            }
            return dto(t);
        });
    }

    /** A new template (201); 409 when its key, channel and language have one already. */
    public TemplateDto create(TemplateDto in) {
        Problems problems = new Problems();
        if (in.id != null && !in.id.isBlank()) {
            problems.add("id is given by the server: send a new template without one");
        }
        String id = UUID.randomUUID().toString();
        TemplateDto created = Problems.write(emf, audit, "Template", em -> {
            TemplateEntity t = new TemplateEntity();
            t.setId(id);
            validated(em, in, t, problems);
            List<TemplateEntity> same = ofKey(em, t.getTemplateKey()).stream()
                    .filter(o -> o.getChannel().equals(t.getChannel()) && o.getLanguage().equals(t.getLanguage()))
                    .toList();
            if (!same.isEmpty()) {
                throw ProblemException.conflict("Template " + t.getTemplateKey() + " " + t.getChannel() + " "
                        + t.getLanguage() + " exists (" + same.get(0).getId() + "): change that one");
            }
            stamp(t);
            em.persist(t);
            return AuditedTransaction.Done.of(dto(t), record("CREATE", t));
        });
        return get(created.id);
    }

    /** Replaces the texts of template {@code id} ({@code version} must be the stored one, else 409). */
    public TemplateDto replace(String id, TemplateDto in) {
        Problems problems = new Problems();
        if (in.id != null && !in.id.isBlank() && !in.id.strip().equals(id)) {
            problems.add("id '" + in.id.strip() + "' is not the id of the address (" + id + ")");
        }
        if (in.version == null) {
            throw ProblemException.conflict("Template " + id + " exists: send its version to replace it");
        }
        Problems.write(emf, audit, "Template " + id, em -> {
            TemplateEntity t = em.find(TemplateEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (t == null) {
                throw ProblemException.notFound("Template", id);
            }
            if (t.getVersion() != in.version) {
                throw Problems.changedMeanwhile("Template " + id);
            }
            // a template keeps what it is for: another key, channel or language is another template
            String key = t.getTemplateKey(), channel = t.getChannel(), language = t.getLanguage();
            if (in.templateKey != null && !key.equals(in.templateKey.strip())
                    || in.channel != null && !channel.equals(in.channel.strip())
                    || in.language != null && !language.equals(Languages.normalise(in.language))) {
                problems.add("a template keeps its key, channel and language (" + key + " " + channel + " " + language
                        + "): create another template instead");
            }
            TemplateDto texts = new TemplateDto();
            texts.templateKey = key;
            texts.channel = channel;
            texts.language = language;
            texts.subject = in.subject;
            texts.body = in.body;
            validated(em, texts, t, problems);
            stamp(t);
            return AuditedTransaction.Done.of(id, record("UPDATE", t));
        });
        return get(id);
    }

    /** Deletes a template; 409 while it is the last one of its key and channel that an enabled rule uses. */
    public void delete(String id) {
        Problems.write(emf, audit, "Template " + id, em -> {
            TemplateEntity t = em.find(TemplateEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (t == null) {
                throw ProblemException.notFound("Template", id);
            }
            boolean last = ofKey(em, t.getTemplateKey()).stream()
                    .noneMatch(o -> !o.getId().equals(id) && o.getChannel().equals(t.getChannel()));
            if (last) {
                List<String> rules = rulesOf(em, t.getTemplateKey()).stream()
                        .filter(r -> r.isEnabled() && r.getChannel().equals(t.getChannel()))
                        .map(RuleEntity::getId).sorted().toList();
                if (!rules.isEmpty()) {
                    throw ProblemException.conflict("Template " + t.getTemplateKey() + " " + t.getChannel() + " "
                            + t.getLanguage() + " is the last of its key for " + t.getChannel() + " and enabled rules "
                            + "use it (" + String.join(", ", rules) + "): disable them or add another language first");
                }
            }
            em.remove(t);
            return AuditedTransaction.Done.of(id, record("DELETE", t));
        });
    }

    /** Every template of {@code key}, in {@code em}'s transaction. */
    static List<TemplateEntity> ofKey(EntityManager em, String key) {
        return em.createQuery("SELECT t FROM TemplateEntity t WHERE t.templateKey = :k ORDER BY t.id",
                TemplateEntity.class).setParameter("k", key).getResultList();
    }

    static List<RuleEntity> rulesOf(EntityManager em, String key) {
        return em.createQuery("SELECT r FROM RuleEntity r WHERE r.templateKey = :k ORDER BY r.id", RuleEntity.class)
                .setParameter("k", key).getResultList();
    }

    /** What is wrong with stored template {@code t}'s fields under {@code uses} (it compiled when saved). */
    static Set<String> fieldProblems(TemplateEntity t, List<TemplateChecks.Use> uses) {
        Set<String> problems = new LinkedHashSet<>();
        String label = "template " + t.getTemplateKey() + " " + t.getChannel() + " " + t.getLanguage();
        for (String part : new String[] {"subject", "body"}) {
            String text = "subject".equals(part) ? t.getSubject() : t.getBody();
            if (text == null) {
                continue;
            }
            try {
                problems.addAll(TemplateChecks.problems(label + " " + part, Mustaches.compile(part, text).fields(),
                        uses));
            } catch (Mustaches.Invalid e) {
                problems.add(label + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Fills {@code t} from {@code in} or throws a 422 with every problem (also those already in {@code problems}). */
    private static void validated(EntityManager em, TemplateDto in, TemplateEntity t, Problems problems) {
        String key = Problems.strip(in.templateKey);
        String channel = Problems.strip(in.channel);
        String language = Languages.normalise(in.language);
        String subject = in.subject == null || in.subject.isBlank() ? null : in.subject;
        String body = in.body == null || in.body.isBlank() ? null : in.body;
        if (key == null || !RuleService.KEY.matcher(key).matches()) {
            problems.add("templateKey is required: lower-case letters, digits and dashes, at most 100");
        }
        if (channel == null || !RuleService.CHANNEL.matcher(channel).matches()) {
            problems.add("channel must be upper-case letters, digits and _ starting with a letter, e.g. EMAIL or SMS");
        }
        if (language == null || language.length() > 20) {
            problems.add("language must be a BCP 47 tag such as fr or fr-CA"
                    + (in.language == null ? "" : " (was '" + in.language + "')"));
        }
        if (EMAIL.equals(channel) && subject == null) {
            problems.add("subject is required for EMAIL");
        }
        if (SMS.equals(channel) && subject != null) {
            problems.add("subject must be absent for SMS");
        }
        if (subject != null && subject.length() > MAX_SUBJECT) {
            problems.add("subject is longer than " + MAX_SUBJECT + " characters (" + subject.length() + ")");
        }
        if (body == null) {
            problems.add("body is required");
        } else if (body.length() > MAX_BODY) {
            problems.add("body is longer than " + MAX_BODY + " characters (" + body.length() + ")");
        } else if (SMS.equals(channel) && body.length() > MAX_SMS_BODY) {
            problems.add("an SMS body is at most " + MAX_SMS_BODY + " characters (3 parts), this one has "
                    + body.length());
        }
        List<TemplateChecks.Use> uses = key == null ? List.of()
                : rulesOf(em, key).stream().map(TemplateChecks.Use::of).toList();
        List<String> names = new ArrayList<>();
        if (subject != null) {
            names.add("subject");
        }
        if (body != null) {
            names.add("body");
        }
        for (String part : names) {
            try {
                Set<String> fields = Mustaches.compile(part, "subject".equals(part) ? subject : body).fields();
                problems.addAll(TemplateChecks.problems(part, fields, uses));
            } catch (Mustaches.Invalid e) {
                problems.add(e.getMessage());
            }
        }
        problems.throwIfAny();
        t.setTemplateKey(key);
        t.setChannel(channel);
        t.setLanguage(language);
        t.setSubject(subject);
        t.setBody(body);
    }

    private void stamp(TemplateEntity t) {
        t.setUpdatedMs(clock.millis());
        t.setUpdatedBy(Problems.editor());
    }

    static TemplateDto dto(TemplateEntity t) {
        TemplateDto d = new TemplateDto();
        d.id = t.getId();
        d.templateKey = t.getTemplateKey();
        d.channel = t.getChannel();
        d.language = t.getLanguage();
        d.subject = t.getSubject();
        d.body = t.getBody();
        d.updatedMs = t.getUpdatedMs();
        d.updatedBy = t.getUpdatedBy();
        d.version = t.getVersion();
        return d;
    }

    private static AuditEvent record(String action, TemplateEntity t) {
        return AuditEvent.of(action, AUDIT).resourceId(t.getId())
                .detail(t.getTemplateKey() + " " + t.getChannel() + " " + t.getLanguage()).build();
    }
}
