package org.pavilion.events.internal.osgi;

import java.io.IOException;
import java.io.OutputStream;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.events.internal.privacy.EventPrivacy;

/** Registers the event store's privacy participant; the EventBus reference makes sure the tables exist. */
@Component(service = PrivacyParticipant.class)
public class EventPrivacyService implements PrivacyParticipant {

    private final EventPrivacy privacy;

    @Activate
    public EventPrivacyService(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource) {
        this.privacy = new EventPrivacy(dataSource);
    }

    @Override
    public String name() {
        return privacy.name();
    }

    @Override
    public String title() {
        return privacy.title();
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        return privacy.merge(survivorMrn, duplicateMrn);
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        privacy.export(subject, json);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        return privacy.erase(subject);
    }
}
