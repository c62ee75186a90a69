package org.pavilion.example.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The visitor log's page in the web UI (files under {@code /ui} of this bundle): the list of visits and the front
 * desk's check-in form, over the existing REST API. The shape for vendors to copy; nothing here needs pavilion-web.
 */
@Component(service = UiContribution.class)
public class ExampleUi implements UiContribution {

    @Override
    public String id() {
        return "example";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(new UiPage("/visitors", "visitors.js", "example-visitor-log", "example.page.visitors",
                "example.visit.view", "clinical", 50));
    }
}
