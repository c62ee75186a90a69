package org.pavilion.notifications.internal.channels.sms;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@code SMS} channel: one HTTP POST per message to the configured gateway (HTTP/1.1, kept alive),
 * {@code concurrency} of them in flight. 2xx is SENT, 429/5xx/timeouts/I-O errors RETRY, any other 4xx FAILED; the
 * notification id goes along as the client reference so the gateway can drop a repeat.
 */
public class SmsGatewayChannel implements NotificationChannel, AutoCloseable {

    public static final String NAME = "SMS";

    private static final Logger LOG = LoggerFactory.getLogger(SmsGatewayChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ANSWER_CHARS = 300;

    private final SmsSettings settings;
    private final SmsRequests requests;
    private final ExecutorService executor;
    private final HttpClient client;

    public SmsGatewayChannel(SmsSettings settings) {
        this.settings = settings;
        this.requests = new SmsRequests(settings);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "notifications-sms-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                .executor(executor)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.PHONE;
    }

    @Override
    public List<SendOutcome> send(List<OutgoingMessage> messages) {
        Semaphore inFlight = new Semaphore(Math.max(1, settings.concurrency()));
        List<CompletableFuture<SendOutcome>> pending = new ArrayList<>(messages.size());
        for (OutgoingMessage m : messages) {
            String to = PhoneNumbers.e164(m.address());
            if (to == null) {
                pending.add(CompletableFuture.completedFuture(
                        SendOutcome.failed("Not an E.164 phone number: " + m.address())));
                continue;
            }
            HttpRequest request = requests.request(m, to);
            inFlight.acquireUninterruptibly();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        inFlight.release();
                        return error == null ? outcome(response.statusCode(), response.body()) : outcome(error);
                    }));
        }
        List<SendOutcome> outcomes = new ArrayList<>(pending.size());
        for (CompletableFuture<SendOutcome> f : pending) {
            outcomes.add(f.join());
        }
        return outcomes;
    }

    SendOutcome outcome(int status, String body) {
        String text = body == null ? "" : body;
        String answer = SecretMask.mask("HTTP " + status + ": "
                + (text.length() > ANSWER_CHARS ? text.substring(0, ANSWER_CHARS) : text), settings.secrets());
        if (status >= 200 && status < 300) {
            return SendOutcome.sent(providerId(text), answer);
        }
        if (status >= 400 && status < 500 && status != 429) {
            return SendOutcome.failed(answer);
        }
        return SendOutcome.retry(answer);
    }

    private SendOutcome outcome(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String answer;
        if (e instanceof HttpTimeoutException) {
            answer = "No answer from the gateway within " + settings.timeoutMs() + " ms";
        } else if (e instanceof IOException) {
            answer = "Gateway unreachable: " + e;
        } else {
            answer = "Gateway call failed: " + e;
        }
        answer = SecretMask.mask(answer, settings.secrets());
        LOG.debug("SMS not sent: {}", answer);
        return SendOutcome.retry(answer);
    }

    private String providerId(String body) {
        if (settings.messageIdPointer().isEmpty() || body.isBlank()) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(body).at(settings.messageIdPointer());
            return id.isMissingNode() || id.isNull() || id.isContainerNode() ? null : id.asText();
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("Gateway answer without a message id at {}: {}", settings.messageIdPointer(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
