package org.pavilion.notifications.internal.rules;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message as a rule would send it, before it is sent: the stored templates of a key, or texts being written,
 * rendered with the catalogue's sample of the event (what the administrator sends in {@code data} replaces it).
 */
@Component(service = PreviewService.class)
public class PreviewService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_NAME = "Claire Dubois";

    private final MustacheRenderer renderer;

    @Activate
    public PreviewService(@Reference MustacheRenderer renderer) {
        this.renderer = renderer;
    }

    public Rendered preview(PreviewRequest in) {
        Problems problems = new Problems();
        String eventType = Problems.strip(in.eventType);
        String key = Problems.strip(in.templateKey);
        String channel = Problems.strip(in.channel);
        boolean clinical = Boolean.TRUE.equals(in.clinicalDetail);
        Optional<EventCatalogue.EventType> type = EventCatalogue.type(eventType);
        if (type.isEmpty()) {
            problems.add("eventType " + (eventType == null ? "is required" : "'" + eventType + "' is not in the catalogue"));
        }
        if (channel == null || !RuleService.CHANNEL.matcher(channel).matches()) {
            problems.add("channel is required, e.g. EMAIL or SMS");
        }
        if (key == null && (in.body == null || in.body.isBlank())) {
            problems.add("send a templateKey, or a body (and a subject for EMAIL) to try");
        }
        if (key != null && in.body != null && !in.body.isBlank()) {
            problems.add("send a templateKey or a body, not both");
        }
        if (in.language != null && !in.language.isBlank() && Languages.normalise(in.language) == null) {
            problems.add("language must be a BCP 47 tag such as fr or fr-CA (was '" + in.language + "')");
        }
        problems.throwIfAny();

        ObjectNode data = type.get().sample();
        if (in.data != null) {
            JsonNode overrides = JSON.valueToTree(in.data);
            data.setAll((ObjectNode) overrides);
        }
        String name = in.recipientName == null ? SAMPLE_NAME : in.recipientName;
        if (key != null) {
            Optional<Rendered> r = renderer.render(eventType, key, channel, clinical, in.language, data, name);
            if (r.isEmpty()) {
                problems.add("templateKey " + key + " has no template for " + channel + " in "
                        + String.join(", ", Languages.chain(in.language, renderer.settings().defaultLanguage())));
            }
            problems.throwIfAny();
            return r.get();
        }
        String subject = in.subject == null || in.subject.isBlank() ? null : in.subject;
        if (TemplateService.EMAIL.equals(channel) && subject == null) {
            problems.add("subject is required for EMAIL");
        }
        if (TemplateService.SMS.equals(channel) && subject != null) {
            problems.add("subject must be absent for SMS");
        }
        List<TemplateChecks.Use> use = List.of(new TemplateChecks.Use("(preview)", eventType, clinical));
        for (String part : subject == null ? List.of("body") : List.of("subject", "body")) {
            try {
                problems.addAll(TemplateChecks.problems(part,
                        Mustaches.compile(part, "subject".equals(part) ? subject : in.body).fields(), use));
            } catch (Mustaches.Invalid e) {
                problems.add(e.getMessage());
            }
        }
        problems.throwIfAny();
        try {
            return renderer.renderText(eventType, subject, in.body, clinical, in.language, data, name);
        } catch (Mustaches.Invalid e) {
            problems.add(e.getMessage()); // compiled above: not reached
            problems.throwIfAny();
            throw new IllegalStateException(e);
        }
    }
}
