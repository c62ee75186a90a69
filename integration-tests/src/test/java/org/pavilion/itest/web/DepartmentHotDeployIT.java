package org.pavilion.itest.web;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.pavilion.testsupport.Await;

/**
 * Journey 4 (issue #21): with the visitor-log department (feature {@code pavilion-example}) not installed its
 * navigation entry is absent; installing the feature in the running container makes {@code /visitors} appear on the
 * next navigation, no restart; uninstalling it removes the entry and the rest of the workspace still works.
 */
public class DepartmentHotDeployIT {

    private static final String FEATURE = "pavilion-example";
    private static final String ROUTE = "/visitors";
    private static final String ENTRY = "nav#main-nav a[href=\"" + ROUTE + "\"]";
    /** Feature install, DS activation, the privileges granted when first seen and the 5 s privilege refresh. */
    private static final Duration HOT = Duration.ofSeconds(90);

    private static WebPlatform platform;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        platform.registerPatient("Henrike", "Vollmer", "1975-09-30", "FEMALE");
    }

    @Test
    public void theVisitorLogComesAndGoesWithItsFeature() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "admin", platform.adminPassword());
            b.navTo("/patients");
            b.heading();
            assertFalse(FEATURE + " is not booted by the web tests", platform.features().installed(FEATURE));
            assertFalse("no visitor log entry before the department is installed", b.present(ENTRY));

            platform.features().install(FEATURE);
            try {
                // "The next navigation": each try follows a navigation entry, none reloads the page.
                Await.until("the visitor log entry after feature:install " + FEATURE, HOT, () -> {
                    b.navTo(b.present("main#main input#patient-search") ? "/patients/register" : "/patients");
                    b.heading();
                    assertTrue("no " + ENTRY + " yet", b.present(ENTRY));
                });
                b.navTo(ROUTE);
                String heading = b.heading();
                assertFalse(heading, heading.isBlank());
                axe.check(b, "visitors");
                b.screenshot("visitors");
                b.size(Browser.PHONE);
                b.heading();
                b.screenshot("visitors");
                axe.check(b, "visitors");
                b.size(Browser.DESKTOP);
            } finally {
                platform.features().uninstall(FEATURE);
            }

            Await.until("the visitor log entry gone after feature:uninstall " + FEATURE, HOT, () -> {
                b.navTo(b.present("main#main input#patient-search") ? "/patients/register" : "/patients");
                b.heading();
                assertFalse("still " + ENTRY, b.present(ENTRY));
            });

            // The rest still works: a search answers.
            b.navTo("/patients");
            b.visible("input#patient-search").sendKeys("Vollmer");
            b.until("a search result", d -> d.findElements(By.cssSelector("#patient-results a, #patient-results button"))
                    .stream().anyMatch(e -> e.getText().contains("Vollmer")) ? true : null);
        }
        axe.assertNone();
    }
}
