package org.pavilion.hl7.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The HL7 hub's monitor in the web UI (files under {@code /ui} of this bundle): inbound messages with their repair
 * and replay, and the outbound feeds' queue with retry. The pages come and go with the hub bundle; the REST
 * endpoints they call check the repair and retry privileges themselves.
 */
@Component(service = UiContribution.class)
public class Hl7Ui implements UiContribution {

    static final String ID = "hl7";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/integration/hl7", "inbound.js", "hl7-inbound", "hl7.page.inbound", "hl7.message.view",
                        "integration", 10),
                new UiPage("/integration/hl7-outbound", "outbound.js", "hl7-outbound", "hl7.page.outbound",
                        "hl7.outbound.view", "integration", 20));
    }
}
