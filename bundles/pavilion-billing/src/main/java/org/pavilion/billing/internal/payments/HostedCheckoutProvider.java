package org.pavilion.billing.internal.payments;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.rest.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The adapter of the hosted checkout provider's JSON-over-HTTP API (docs/billing-payments.md):
 * {@code POST {paymentProviderUrl}/v1/checkouts} with {@code Authorization: Bearer {paymentProviderKey}} and
 * {@code {amount, currency, reference, returnUrl}} answers {@code {id, url}}; notifications are
 * {@code {id, checkoutId, status, amount, currency}} signed {@code X-Signature: hex(HMAC-SHA256(secret, body))}.
 * The key and the secret are never logged nor put in an error.
 */
@Component(service = PaymentProvider.class, configurationPid = BillingConfig.PID)
public class HostedCheckoutProvider implements PaymentProvider {

    public static final String NAME = "hosted-checkout";
    public static final String SIGNATURE = "X-Signature";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(HostedCheckoutProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile PaymentSettings settings;

    @Activate
    public HostedCheckoutProvider(BillingConfig config) {
        this(PaymentSettings.of(config));
    }

    /** For tests. */
    HostedCheckoutProvider(PaymentSettings settings) {
        this.settings = settings;
    }

    @Modified
    void modified(BillingConfig config) {
        settings = PaymentSettings.of(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean available() {
        PaymentSettings s = settings;
        return !s.providerUrl().isEmpty() && !s.providerKey().isEmpty() && !s.webhookSecret().isEmpty();
    }

    @Override
    public Checkout create(CheckoutRequest r) {
        PaymentSettings s = settings;
        if (!available()) {
            throw ProblemException.conflict("online payment is off (no payment provider configured)");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("amount", Amounts.text(r.amount())); // a decimal string, never a JSON float
        body.put("currency", r.currency());
        body.put("reference", r.reference());
        body.put("returnUrl", s.returnUrl());
        String base = s.providerUrl().endsWith("/") ? s.providerUrl().substring(0, s.providerUrl().length() - 1)
                : s.providerUrl();
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/checkouts")).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + s.providerKey())
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("payment provider at {} did not answer a checkout for intent {}: {}", base, r.reference(),
                    e.toString());
            throw PaymentProvider.unavailable("the payment provider did not answer: try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PaymentProvider.unavailable("interrupted while asking the payment provider");
        }
        if (answer.statusCode() / 100 != 2) {
            LOG.warn("payment provider at {} refused a checkout for intent {}: HTTP {}", base, r.reference(),
                    answer.statusCode());
            throw PaymentProvider.unavailable("the payment provider refused the checkout (HTTP "
                    + answer.statusCode() + ")");
        }
        try {
            JsonNode json = JSON.readTree(answer.body());
            String id = json.path("id").asText("");
            String url = json.path("url").asText("");
            URI redirect = URI.create(url);
            if (id.isEmpty() || id.length() > 120 || redirect.getScheme() == null
                    || !(redirect.getScheme().equals("https") || redirect.getScheme().equals("http"))) {
                throw new IOException("no checkout id or no http(s) url");
            }
            return new Checkout(id, url);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("payment provider at {} answered a checkout for intent {} with an unusable body: {}", base,
                    r.reference(), e.getMessage());
            throw PaymentProvider.unavailable("the payment provider's answer was not a checkout");
        }
    }

    @Override
    public Notification verify(byte[] body, UnaryOperator<String> header) {
        String secret = settings.webhookSecret();
        if (secret.isEmpty()) {
            throw PaymentProvider.untrusted("no webhook secret is configured: notifications are not accepted");
        }
        String signature = header.apply(SIGNATURE);
        if (signature == null || signature.isBlank() || body == null) {
            throw PaymentProvider.untrusted("the notification is not signed");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PaymentProvider.untrusted("the notification's signature is not hex");
        }
        if (!MessageDigest.isEqual(given, sign(secret, body))) { // constant time
            throw PaymentProvider.untrusted("the notification's signature does not match");
        }
        try {
            JsonNode json = JSON.readTree(body);
            String status = json.path("status").asText("");
            if (!status.equals("SUCCEEDED") && !status.equals("FAILED")) {
                throw ProblemException.validation("status must be SUCCEEDED or FAILED, was " + status);
            }
            String checkout = json.path("checkoutId").asText("");
            if (checkout.isEmpty()) {
                throw ProblemException.validation("checkoutId is required");
            }
            JsonNode amount = json.path("amount");
            if (!amount.isTextual()) {
                throw ProblemException.validation("amount must be a decimal string");
            }
            String failure = json.path("failure").isTextual() ? json.path("failure").asText() : null;
            return new Notification(json.path("id").asText(null), checkout, status.equals("SUCCEEDED"),
                    new BigDecimal(amount.asText()), json.path("currency").asText(""), failure);
        } catch (IOException | NumberFormatException e) {
            throw ProblemException.validation("the notification is not the provider's JSON");
        }
    }

    /** HMAC-SHA256 of {@code body} under {@code secret}. */
    public static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
