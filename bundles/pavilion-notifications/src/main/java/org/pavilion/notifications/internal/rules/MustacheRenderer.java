package org.pavilion.notifications.internal.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.notifications.internal.NotificationsConfig;
import org.pavilion.notifications.internal.account.AccountMessagesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link MessageRenderer} on mustache.java. Templates are read per message (one indexed query) and compiled once per
 * id and version, so an edit applies to the next message without a cache to invalidate.
 */
// No @Designate: NotificationsConfig's pid is designated once for the department. The account pid gives links' base.
@Component(service = {MessageRenderer.class, MustacheRenderer.class},
        configurationPid = {NotificationsConfig.PID, AccountMessagesConfig.PID})
public class MustacheRenderer implements MessageRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(MustacheRenderer.class);

    private record CompiledTemplate(int version, Mustaches.Compiled subject, Mustaches.Compiled body) {
    }

    private final JpaTransactions jpa;
    private final Map<String, CompiledTemplate> compiled = new ConcurrentHashMap<>();
    private volatile RenderSettings settings;

    @Activate
    public MustacheRenderer(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            NotificationsConfig config, AccountMessagesConfig account) {
        this(emf, RenderSettings.of(config, account));
    }

    /** For tests on NotificationsDatabase. */
    public MustacheRenderer(EntityManagerFactory emf, RenderSettings settings) {
        this.jpa = new JpaTransactions(emf);
        this.settings = settings;
    }

    @Modified
    void modified(NotificationsConfig config, AccountMessagesConfig account) {
        settings = RenderSettings.of(config, account);
    }

    public RenderSettings settings() {
        return settings;
    }

    @Override
    public Optional<Rendered> render(RuleView rule, String language, JsonNode event, String recipientName) {
        return render(rule.eventType(), rule.templateKey(), rule.channel(), rule.clinicalDetail(), language, event,
                recipientName);
    }

    /** The template of {@code key} and {@code channel} in the first language of the chain that has one. */
    public Optional<Rendered> render(String eventType, String key, String channel, boolean clinicalDetail,
            String language, JsonNode event, String recipientName) {
        RenderSettings s = settings;
        List<String> chain = Languages.chain(language, s.defaultLanguage());
        List<TemplateEntity> found = jpa.call(em -> em.createQuery("SELECT t FROM TemplateEntity t WHERE "
                + "t.templateKey = :k AND t.channel = :c AND t.language IN :l", TemplateEntity.class)
                .setParameter("k", key).setParameter("c", channel).setParameter("l", chain).getResultList());
        for (String tag : chain) {
            for (TemplateEntity t : found) {
                if (t.getLanguage().equals(tag)) {
                    CompiledTemplate c = compiled(t);
                    if (c != null) {
                        Map<String, Object> data = MessageData.of(eventType, event, clinicalDetail,
                                locale(language, tag), s.zone(), s.publicBaseUrl(), recipientName);
                        return Optional.of(new Rendered(c.subject() == null ? null : c.subject().render(data),
                                c.body().render(data), tag));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Renders texts not (yet) stored, for a preview; throws when they do not compile. */
    public Rendered renderText(String eventType, String subject, String body, boolean clinicalDetail, String language,
            JsonNode event, String recipientName) throws Mustaches.Invalid {
        Mustaches.Compiled s = subject == null ? null : Mustaches.compile("subject", subject);
        Mustaches.Compiled b = Mustaches.compile("body", body == null ? "" : body);
        String tag = Languages.normalise(language) == null ? settings.defaultLanguage() : Languages.normalise(language);
        Map<String, Object> data = MessageData.of(eventType, event, clinicalDetail, Locale.forLanguageTag(tag),
                settings.zone(), settings.publicBaseUrl(), recipientName);
        return new Rendered(s == null ? null : s.render(data), b.render(data), tag);
    }

    /**
     * Dates in the recipient's own locale (fr-CA) when the text is in their language, else in the text's language:
     * an English fallback text does not carry a German date.
     */
    private Locale locale(String asked, String templateLanguage) {
        String full = Languages.normalise(asked);
        Locale template = Locale.forLanguageTag(templateLanguage);
        if (full != null && Locale.forLanguageTag(full).getLanguage().equals(template.getLanguage())) {
            return Locale.forLanguageTag(full);
        }
        return template;
    }

    private CompiledTemplate compiled(TemplateEntity t) {
        CompiledTemplate c = compiled.get(t.getId());
        if (c != null && c.version() == t.getVersion()) {
            return c;
        }
        try {
            c = new CompiledTemplate(t.getVersion(),
                    t.getSubject() == null ? null : Mustaches.compile("subject", t.getSubject()),
                    Mustaches.compile("body", t.getBody()));
        } catch (Mustaches.Invalid e) {
            // only a row written around TemplateService can fail here; the next language of the chain is tried
            LOG.warn("Template {} ({} {} {}) is not usable: {}", t.getId(), t.getTemplateKey(), t.getChannel(),
                    t.getLanguage(), e.getMessage());
            return null;
        }
        compiled.put(t.getId(), c);
        return c;
    }
}
