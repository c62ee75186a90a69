package org.pavilion.openapi.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/** The staff workspace's administration entry "REST API": links to Swagger UI and the document's two forms. */
@Component(service = UiContribution.class)
public class OpenApiUi implements UiContribution {

    @Override
    public String id() {
        return "openapi";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(new UiPage("/admin/api", "api.js", "openapi-api", "openapi.page.api",
                OpenApiResources.PRIVILEGE, "admin", 50));
    }
}
