package org.pavilion.itest;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * A real SMTP server for the container tests: GreenMail's standalone server run as a process of its own on 127.0.0.1
 * (SMTP and its REST API on the ports given), so the test can stop it ("the mail server is down") and start it again
 * on the same port. Authentication is off: any address receives. The jar comes from
 * {@code pavilion.itest.greenmail.jar} (integration-tests/pom.xml copies it into target/greenmail).
 */
final class MailServer implements AutoCloseable {

    static final String JAR_PROPERTY = "pavilion.itest.greenmail.jar";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int smtpPort;
    private final int apiPort;
    private final Path log;
    private final Http api;
    private Process process;

    MailServer(int smtpPort, int apiPort) throws IOException {
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
        this.log = Files.createTempFile("greenmail", ".log");
        this.api = Http.anonymous("http://127.0.0.1:" + apiPort + "/api");
    }

    int smtpPort() {
        return smtpPort;
    }

    /** Starts the server and waits (bounded) until its SMTP port and REST API answer. */
    MailServer start() throws Exception {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("GreenMail's standalone jar not found: " + JAR_PROPERTY + "=" + jar);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled", "-jar", jar));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.value("GreenMail listens on 127.0.0.1:" + smtpPort, Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("GreenMail stopped: " + Files.readString(log));
            }
            try (Socket s = new Socket("127.0.0.1", smtpPort)) {
                Http.Response r = api.get("/service/readiness");
                return r.status == 200 ? Boolean.TRUE : null;
            } catch (IOException notYet) {
                return null;
            }
        });
        return this;
    }

    /** Stops the server: connections to its SMTP port are refused until {@link #start()}. Received mail is lost. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** The messages {@code address} received, oldest first: Message-ID, subject, contentType, mimeMessage. */
    List<JsonNode> inbox(String address) throws Exception {
        Http.Response r = api.get("/user/" + address + "/messages/INBOX");
        List<JsonNode> messages = new ArrayList<>();
        if (r.status != 200) {
            return messages; // the user exists only once a message reached it
        }
        for (JsonNode m : JSON.readTree(r.body)) {
            messages.add(m);
        }
        return messages;
    }

    /** Waits (bounded) until {@code address} has received at least {@code count} messages; returns them. */
    List<JsonNode> awaitInbox(String address, int count, Duration bound) throws Exception {
        return Await.value(address + " receives " + count + " message(s)", bound, () -> {
            List<JsonNode> in = inbox(address);
            return in.size() >= count ? in : null;
        });
    }

    @Override
    public void close() throws Exception {
        stop();
        Files.deleteIfExists(log);
    }
}
