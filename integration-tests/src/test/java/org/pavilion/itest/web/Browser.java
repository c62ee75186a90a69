package org.pavilion.itest.web;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session (the system's /usr/bin/chromium and /usr/bin/chromedriver, Selenium Manager never
 * asked), with the waits, form filling, screenshots and hooks (docs: /work/briefs/hooks.md, kept by every page) the
 * journeys share. Waits poll a condition with a bound; there is no sleep.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1366, 900);
    public static final Dimension PHONE = new Dimension(360, 780);

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHROMIUM = System.getProperty("pavilion.itest.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("pavilion.itest.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A fresh browser (own profile folder: no cookies, no cache) at desktop size, in English. */
    public static Browser open(String baseUrl) throws IOException {
        return open(baseUrl, List.of());
    }

    /**
     * A fresh browser for video calls: Chromium's fake camera and microphone (a test pattern and a beep, no prompt),
     * WebRTC allowed to use loopback candidates, host candidates not hidden behind mDNS names, and media that plays
     * without a click. Only for a test whose browsers and container sit in a network namespace holding only lo.
     */
    public static Browser openWithFakeMedia(String baseUrl) throws IOException {
        return open(baseUrl, List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--autoplay-policy=no-user-gesture-required"));
    }

    private static Browser open(String baseUrl, List<String> extraArguments) throws IOException {
        for (String f : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Paths.get(f))) {
                throw new IllegalStateException(f + " is missing: install Debian's chromium and chromium-driver "
                        + "(bash .ci/run does)");
            }
        }
        Path profile = Files.createTempDirectory("pavilion-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=en-US", "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        options.addArguments(extraArguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        Browser b = new Browser(driver, profile, baseUrl);
        b.size(DESKTOP);
        return b;
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return base;
    }

    /** Sets the window (in headless Chromium, the viewport) size. */
    public void size(Dimension d) {
        driver.manage().window().setSize(d);
    }

    /** Loads {@code base + path} (path like "/patients"). */
    public void go(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean present(String css) {
        return !all(css).isEmpty();
    }

    public <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    public <T> T until(String what, Duration bound, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, bound, Duration.ofMillis(50));
        wait.withMessage(() -> what + " (at " + driver.getCurrentUrl() + ")");
        // Pages re-render (lit-html) while loading: an element found a moment ago may be replaced; look again.
        wait.ignoring(StaleElementReferenceException.class);
        // A toast or the closing menu may cover a control for a moment: click again.
        wait.ignoring(ElementClickInterceptedException.class);
        return wait.until(condition);
    }

    /** Waits until the element is displayed and returns it. */
    public WebElement visible(String css) {
        return until(css + " visible", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the element is displayed and enabled and returns it. */
    public WebElement clickable(String css) {
        return until(css + " clickable", ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    /** Waits until the element's text contains {@code text}; returns it. */
    public WebElement containing(String css, String text) {
        return until(css + " containing \"" + text + "\"", d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.getText().contains(text)) {
                    return e;
                }
            }
            return null;
        });
    }

    /** The page heading (the first h1 in main#main) once it shows text. */
    public String heading() {
        return until("a heading in main#main", d -> {
            List<WebElement> h = d.findElements(By.cssSelector("main#main h1"));
            return !h.isEmpty() && h.get(0).isDisplayed() && !h.get(0).getText().isBlank() ? h.get(0).getText() : null;
        });
    }

    /**
     * Sets a form field by its {@code name} the way a user does: types into text inputs, picks a select's option
     * (by value, case-insensitive, or by visible text), clicks a radio; a date input gets its ISO value through the
     * DOM (typing a date depends on the browser's locale) with the input and change events a user's entry fires.
     */
    public void fill(WebElement form, String name, String value) {
        List<WebElement> fields = form.findElements(By.name(name));
        if (fields.isEmpty()) {
            throw new AssertionError("form#" + form.getAttribute("id") + " has no field named " + name);
        }
        WebElement field = fields.get(0);
        String tag = field.getTagName().toLowerCase(Locale.ROOT);
        String type = String.valueOf(field.getAttribute("type")).toLowerCase(Locale.ROOT);
        if ("select".equals(tag)) {
            Select select = new Select(field);
            for (WebElement o : select.getOptions()) {
                if (value.equalsIgnoreCase(o.getAttribute("value")) || value.equalsIgnoreCase(o.getText().trim())) {
                    select.selectByIndex(Integer.parseInt(o.getAttribute("index")));
                    return;
                }
            }
            throw new AssertionError("select " + name + " has no option " + value);
        }
        if ("radio".equals(type) || "checkbox".equals(type)) {
            for (WebElement f : fields) {
                if (value.equalsIgnoreCase(f.getAttribute("value"))) {
                    if (!f.isSelected()) {
                        clickInView(f);
                    }
                    return;
                }
            }
            throw new AssertionError("no " + type + " " + name + "=" + value);
        }
        if (List.of("date", "datetime-local", "time", "month").contains(type)) {
            js("const e = arguments[0]; e.value = arguments[1];"
                    + "e.dispatchEvent(new Event('input', {bubbles: true}));"
                    + "e.dispatchEvent(new Event('change', {bubbles: true}));", field, value);
            return;
        }
        field.clear();
        field.sendKeys(value);
    }

    /** Fills a field if the form has it (optional details a page may or may not ask for). */
    public void fillIfPresent(WebElement form, String name, String value) {
        if (!form.findElements(By.name(name)).isEmpty()) {
            fill(form, name, value);
        }
    }

    /** Fills several fields (name, value, name, value ...) of {@code form#id} and returns the form. */
    public WebElement fillForm(String formId, String... nameValues) {
        WebElement form = visible("form#" + formId);
        for (int i = 0; i < nameValues.length; i += 2) {
            fill(form, nameValues[i], nameValues[i + 1]);
        }
        return form;
    }

    /** The current value of a form's field (the checked one of a radio group). */
    public String valueOf(WebElement form, String name) {
        List<WebElement> fields = form.findElements(By.name(name));
        for (WebElement f : fields) {
            String type = String.valueOf(f.getAttribute("type"));
            if (!"radio".equals(type) || f.isSelected()) {
                return String.valueOf(js("return arguments[0].value;", f));
            }
        }
        return "";
    }

    public void submit(SearchContext form) {
        clickInView(form.findElement(By.cssSelector("button[type=submit]")));
    }

    /** Scrolls into view and clicks (at 360 px a control may start below the fold); retries while covered. */
    public void clickInView(WebElement e) {
        until("click on " + e, d -> {
            js("arguments[0].scrollIntoView({block: 'center'});", e);
            if (!e.isDisplayed() || !e.isEnabled()) {
                return null;
            }
            e.click();
            return true;
        });
    }

    /** Follows the navigation entry for {@code route} (opening a collapsed menu at phone width first). */
    public void navTo(String route) {
        List<WebElement> before = all("main#main > *");
        String css = "nav#main-nav a[href=\"" + route + "\"]";
        until("nav entry " + route + " followed", d -> {
            List<WebElement> links = d.findElements(By.cssSelector(css));
            if (links.isEmpty()) {
                return null;
            }
            WebElement link = links.get(0);
            if (!link.isDisplayed()) {
                openMenu();
                return null;
            }
            js("arguments[0].scrollIntoView({block: 'center'});", link);
            link.click();
            return true;
        });
        awaitNextPage(before, route);
    }

    /**
     * Waits until the shell has shown the page a navigation leads to: it replaces main#main's content once the page
     * is built (after reading the manifest and loading the page's module), and until then the previous page, its
     * heading included, is still there.
     */
    private void awaitNextPage(List<WebElement> before, String route) {
        if (!before.isEmpty()) {
            until("the page at " + route + " shown", d -> ExpectedConditions.stalenessOf(before.get(0)).apply(d)
                    ? true : null);
        }
    }

    /** Follows a visible link to {@code route} anywhere on the page (a card, a button-like link), else the nav's. */
    public void follow(String route) {
        String css = "a[href=\"" + route + "\"]";
        until("a link to " + route, d -> d.findElements(By.cssSelector(css)).isEmpty() ? null : true);
        for (WebElement a : all(css)) {
            if (a.isDisplayed()) {
                List<WebElement> before = all("main#main > *");
                clickInView(a);
                awaitNextPage(before, route);
                return;
            }
        }
        navTo(route);
    }

    /** At phone width the navigation may sit behind a menu button that controls nav#main-nav. */
    private void openMenu() {
        List<WebElement> toggles = all("[aria-controls=\"main-nav\"]");
        for (WebElement t : toggles) {
            if (t.isDisplayed() && !"true".equals(t.getAttribute("aria-expanded"))) {
                t.click();
                return;
            }
        }
    }

    /** Signs in through the shell's form#sign-in and waits for the signed-in header (#sign-out). */
    public void signIn(String username, String password) {
        WebElement form = clickable("form#sign-in button[type=submit]").findElement(By.xpath("ancestor::form"));
        fill(form, "username", username);
        fill(form, "password", password);
        submit(form);
        until("signed in as " + username, d -> d.findElements(By.id("sign-out")).isEmpty() ? null : true);
    }

    /** Opens the site at {@code path} signed out and signs in there. */
    public void openSignedIn(String path, String username, String password) {
        go(path);
        signIn(username, password);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an async script: its last argument, {@code arguments[arguments.length - 1]}, is the callback to answer. */
    public Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The address bar's path and query (no origin). */
    public String address() {
        return String.valueOf(js("return location.pathname + location.search + location.hash;"));
    }

    /** What the page keeps in web storage (both kinds), to prove no patient data is there. */
    public String webStorage() {
        return String.valueOf(js("const all = [];"
                + "for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) {"
                + "  const k = s.key(i); all.push(k + '=' + s.getItem(k)); }"
                + "return all.join('\\n');"));
    }

    /** Saves target/screenshots/&lt;name&gt;-&lt;width&gt;.png of what is on screen now. */
    public Path screenshot(String name) throws IOException {
        Path dir = Paths.get("target", "screenshots");
        Files.createDirectories(dir);
        long width = ((Number) js("return window.innerWidth;")).longValue();
        Path out = dir.resolve(name + "-" + width + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    /** The HttpOnly session cookie (path /api, so not visible to WebDriver's page-scoped cookie call): via CDP. */
    @SuppressWarnings("unchecked")
    public String sessionCookie() {
        Map<String, Object> r = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        for (Map<String, Object> c : (List<Map<String, Object>>) r.get("cookies")) {
            if ("pavilion_session".equals(c.get("name"))) {
                return String.valueOf(c.get("value"));
            }
        }
        throw new AssertionError("no pavilion_session cookie in the browser");
    }

    /**
     * Ends the browser's session on the server, as another tab's sign-out or an expiry would: DELETE
     * /api/v1/auth/session with the browser's own cookie. The browser keeps its (now dead) cookie.
     */
    public void endSessionOnServer() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/session"))
                .header("Cookie", "pavilion_session=" + sessionCookie()).header("X-Pavilion-Request", "1").DELETE()
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new AssertionError("ending the session: " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
