package org.pavilion.itest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.SmsGateway;
import org.pavilion.itest.bench.clock.BenchClock;
import org.pavilion.itest.process.DistributionProcess;

/**
 * Appointment reminders at volume, against the real distribution started as an OS process (H2, or a fresh PostgreSQL
 * database). Set-up: patients imported into the EMR with an e-mail address and a mobile number, doctors with five-minute
 * slots, and N appointments booked through scheduling's REST API the day after tomorrow (the confirmations' rules
 * switched off, so that only reminders are measured); notifications schedules each appointment's e-mail and SMS
 * reminder 24 hours before. Measured: the notifications clock (a fixture bundle in deploy/, see {@link BenchClock}) is
 * moved to the evening before, so every reminder is due at once; the benchmark prints how long until GreenMail (an SMTP
 * server in this JVM, on loopback) has received all N e-mails and the local SMS gateway all N messages, and the
 * ceilings of the same servers in the same run: this JVM sending N e-mails over one SMTP connection, and N gateway
 * requests from 4 clients. Afterwards every appointment must have exactly one e-mail and one SMS (exit 1 if not).
 */
public final class NotificationsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEDULING = "/api/v1/scheduling";
    private static final String NOTIFICATIONS = "/api/v1/notifications";
    private static final int SLOTS_PER_DOCTOR = 192; // 06:00-22:00 in 5-minute slots

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String token;

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int reminders = Integer.getInteger("pavilion.bench.reminders", 10_000);
        System.exit(new NotificationsBenchmark().run(db, reminders));
    }

    private int run(String db, int reminders) throws Exception {
        System.out.printf("Pavilion notifications benchmark: database %s, %,d appointment reminders by e-mail and SMS, "
                + "%d cores, java %s%n", db, reminders, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // The JDK's HTTP server writes headers and body apart; with Nagle's algorithm on, each small answer waits for
        // the client's delayed ACK (~40 ms), which would make the stand-in gateway, not the sender, the limit.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        GreenMail smtp = new GreenMail(new ServerSetup(PavilionTestSupport.freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        try (SmsGateway gateway = new SmsGateway(PavilionTestSupport.freePort());
                DistributionProcess pavilion = DistributionProcess.unpack("bench-notifications")) {
            if ("postgresql".equals(db)) {
                BenchSupport.usePostgreSql(pavilion, "pavilion_bench_notify");
            }
            configure(pavilion, smtp.getSmtp().getPort(), gateway.url());
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            base = pavilion.baseUrl();
            token = BenchSupport.login(base, "admin", pavilion.adminPassword());
            BenchSupport.awaitEmr(base, token);
            awaitOk(NOTIFICATIONS + "/events");
            awaitOk(SCHEDULING + "/services");

            // Only reminders: the other appointment messages are switched off for the run.
            for (String rule : List.of("appointment-booked-email", "appointment-booked-sms")) {
                JsonNode r = get(NOTIFICATIONS + "/rules/" + rule);
                ((ObjectNode) r).put("enabled", false);
                check(send(put(NOTIFICATIONS + "/rules/" + rule, r)));
            }

            long t0 = System.nanoTime();
            int doctors = (reminders + SLOTS_PER_DOCTOR - 1) / SLOTS_PER_DOCTOR;
            List<String> patients = registerPatients(Math.min(reminders, 2000));
            List<String> doctorIds = doctors(doctors);
            LocalDate day = LocalDate.now().plusDays(2);
            List<String> appointments = book(doctorIds, day, patients, reminders);
            awaitReminders(appointments);
            System.out.printf("SETUP   %,d patients, %d doctors, %,d appointments on %s with their reminders "
                    + "scheduled in %.1f s%n", patients.size(), doctorIds.size(), appointments.size(), day,
                    (System.nanoTime() - t0) / 1e9);
            smtp.purgeEmailFromAllMailboxes();

            // Every reminder is due: the evening before the day, after the last one's time (22:00 minus 24 h).
            ZoneId zone = ZoneId.systemDefault();
            long due = day.minusDays(1).atTime(LocalTime.of(22, 30)).atZone(zone).toInstant().toEpochMilli();
            long start = System.nanoTime();
            BenchClock.setOffset(pavilion.home().resolve("data"), due - System.currentTimeMillis());
            double emailSeconds = -1;
            double smsSeconds = -1;
            long deadline = start + Duration.ofMinutes(30).toNanos();
            int polls = 0;
            while ((emailSeconds < 0 || smsSeconds < 0) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                polls++;
                double now = (System.nanoTime() - start) / 1e9;
                // GreenMail lists every stored message to count them: once a second is enough
                if (emailSeconds < 0 && polls % 5 == 0 && smtp.getReceivedMessages().length >= appointments.size()) {
                    emailSeconds = now;
                }
                if (smsSeconds < 0 && gateway.count() >= appointments.size()) {
                    smsSeconds = now;
                }
            }
            Thread.sleep(3000); // duplicates would arrive by now
            int emails = smtp.getReceivedMessages().length;
            int texts = gateway.count();
            System.out.printf("EMAIL   %,d reminders received by the SMTP server in %.1f s = %.0f e-mails/s%n", emails,
                    emailSeconds, emails / emailSeconds);
            System.out.printf("SMS     %,d reminders accepted by the gateway in %.1f s = %.0f SMS/s%n", texts,
                    smsSeconds, texts / smsSeconds);

            boolean clean = verify(smtp, gateway, appointments.size());
            ceilings(smtp, gateway, appointments.size());
            return clean && emailSeconds > 0 && smsSeconds > 0 ? 0 : 1;
        } finally {
            smtp.stop();
        }
    }

    private static void configure(DistributionProcess pavilion, int smtpPort, String gatewayUrl) throws Exception {
        String n = "org.pavilion.notifications.cfg";
        pavilion.writeEtc(n, "quietHoursStart", "");
        pavilion.writeEtc(n, "dispatchIntervalMs", "200");
        pavilion.writeEtc(n, "reminderIntervalMs", "1000");
        String e = "org.pavilion.notifications.email.cfg";
        pavilion.writeEtc(e, "host", "127.0.0.1");
        pavilion.writeEtc(e, "port", String.valueOf(smtpPort));
        pavilion.writeEtc(e, "from", "appointments@pavilion-hospital.test");
        String s = "org.pavilion.notifications.sms.cfg";
        pavilion.writeEtc(s, "url", gatewayUrl);
        pavilion.writeEtc(s, "style", "FORM");
        pavilion.writeEtc(s, "sender", "PAVILION");
        pavilion.writeEtc(s, "auth", "HEADER");
        pavilion.writeEtc(s, "apiKeyHeader", "X-API-Key");
        pavilion.writeEtc(s, ".apiKey", SmsGateway.API_KEY);
        pavilion.writeEtc(s, "messageIdPointer", "/messages/0/id");
        BenchClock.writeBundle(pavilion.home().resolve("deploy/pavilion-bench-clock.jar"));
    }

    private List<String> registerPatients(int n) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append("{\"givenName\":\"Bench\",\"familyName\":\"Patient").append(i)
                    .append("\",\"sex\":\"FEMALE\",\"birthDate\":\"1970-01-01\",\"preferredLanguage\":\"")
                    .append(i % 2 == 0 ? "en" : "fr").append("\",\"email\":\"patient").append(i)
                    .append("@bench.test\",\"phones\":[\"+3360").append(String.format("%07d", i)).append("\"]}\n");
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/emr/patient-import?publishEvents=false"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        JsonNode report = JSON.readTree(check(send(req)).body());
        String first = report.path("firstMrn").asText();
        long seq = Long.parseLong(first.substring(0, first.length() - 2));
        List<String> mrns = new ArrayList<>();
        for (int i = 0; i < report.path("imported").asInt(); i++) {
            mrns.add(PatientSearchBenchmark.mrn(seq + i));
        }
        if (mrns.size() != n) {
            throw new IllegalStateException("imported " + mrns.size() + " of " + n + ": " + report);
        }
        return mrns;
    }

    private List<String> doctors(int n) throws Exception {
        check(send(post(SCHEDULING + "/services", JSON.createObjectNode().put("code", "REMIND").put("name", "Check-up")
                .put("slotMinutes", 5).set("visitTypes", JSON.createArrayNode().add("IN_PERSON")))));
        String[] ids = new String[n];
        AtomicInteger next = new AtomicInteger();
        BenchSupport.parallel(8, () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                ObjectNode d = JSON.createObjectNode().put("displayName", "Dr Reminder " + i).put("title", "MD");
                d.set("specialties", JSON.createArrayNode().add("Family medicine"));
                d.set("languages", JSON.createArrayNode().add("en"));
                ArrayNode services = JSON.createArrayNode();
                services.addObject().put("code", "REMIND");
                d.set("services", services);
                String id = JSON.readTree(check(send(post(SCHEDULING + "/doctors", d))).body()).path("id").asText();
                for (int weekday = 1; weekday <= 7; weekday++) {
                    check(send(post(SCHEDULING + "/doctors/" + id + "/working-hours", JSON.createObjectNode()
                            .put("location", "OPD-" + (i % 12)).put("weekday", weekday).put("start", "06:00")
                            .put("end", "22:00").put("validFrom", LocalDate.now().toString()))));
                }
                ids[i] = id;
            }
            return null;
        });
        return List.of(ids);
    }

    /** Books {@code count} slots of {@code day}, doctor by doctor, with 8 clients; the appointments' ids. */
    private List<String> book(List<String> doctors, LocalDate day, List<String> patients, int count)
            throws Exception {
        List<String[]> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String doctor = doctors.get(i / SLOTS_PER_DOCTOR);
            LocalTime time = LocalTime.of(6, 0).plusMinutes(5L * (i % SLOTS_PER_DOCTOR));
            work.add(new String[] {doctor, day + "T" + time, patients.get(i % patients.size())});
        }
        String[] ids = new String[count];
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        BenchSupport.parallel(8, () -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                String[] w = work.get(i);
                ObjectNode body = JSON.createObjectNode().put("patientId", w[2]).put("doctorId", w[0])
                        .put("serviceCode", "REMIND").put("visitType", "IN_PERSON").put("start", w[1]);
                ids[i] = JSON.readTree(check(send(post(SCHEDULING + "/appointments", body))).body()).path("id")
                        .asText();
            }
            return null;
        });
        System.out.printf("BOOK    %,d appointments in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        return List.of(ids);
    }

    /** Waits until notifications has scheduled the reminders of the last appointments booked. */
    private void awaitReminders(List<String> appointments) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        List<String> sample = appointments.subList(Math.max(0, appointments.size() - 50), appointments.size());
        for (String id : sample) {
            while (get(NOTIFICATIONS + "/reminders?appointmentId=" + id).size() < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the reminders of appointment " + id + " were not scheduled");
                }
                Thread.sleep(500);
            }
        }
    }

    /** One e-mail per appointment (distinct Message-IDs) and one SMS per appointment (distinct references). */
    private static boolean verify(GreenMail smtp, SmsGateway gateway, int expected) throws Exception {
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            ids.add(m.getMessageID());
        }
        Set<String> refs = new HashSet<>();
        for (SmsGateway.Sms s : gateway.accepted()) {
            refs.add(s.reference());
        }
        boolean ok = ids.size() == expected && smtp.getReceivedMessages().length == expected
                && gateway.accepted().size() == expected && refs.size() == expected;
        System.out.printf("CHECK   %,d e-mails with %,d distinct Message-IDs, %,d SMS with %,d distinct references "
                + "for %,d appointments: %s%n", smtp.getReceivedMessages().length, ids.size(),
                gateway.accepted().size(), refs.size(), expected, ok ? "OK" : "WRONG");
        return ok;
    }

    /** The same servers driven directly from this JVM: what the machine allows. */
    private static void ceilings(GreenMail smtp, SmsGateway gateway, int n) throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        Session session = Session.getInstance(props);
        long t0 = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < n; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("ceiling@pavilion-hospital.test"));
                InternetAddress to = new InternetAddress("patient" + (i % 2000) + "@bench.test");
                m.setRecipient(Message.RecipientType.TO, to);
                m.setSubject("Rappel : votre rendez-vous", "UTF-8");
                m.setText("Bonjour, nous vous rappelons votre rendez-vous demain à 09:30 avec le Dr Reminder.",
                        "UTF-8");
                transport.sendMessage(m, new InternetAddress[] {to});
            }
        }
        double mailSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("CEILING SMTP: %,d e-mails from this JVM over one connection in %.1f s = %.0f e-mails/s%n",
                n, mailSeconds, n / mailSeconds);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        long t1 = System.nanoTime();
        BenchSupport.parallel(4, () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                String form = "to=%2B3360" + String.format("%07d", i % 2000) + "&from=PAVILION&reference=c" + i
                        + "&text=" + java.net.URLEncoder.encode("Rappel : rendez-vous demain à 09:30",
                                StandardCharsets.UTF_8);
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(gateway.url()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-API-Key", SmsGateway.API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("gateway: " + r.statusCode());
                }
            }
            return null;
        });
        double smsSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("CEILING SMS gateway: %,d requests from this JVM by 4 clients in %.1f s = %.0f SMS/s%n", n,
                smsSeconds, n / smsSeconds);
    }

    // ---- plumbing ----

    private void awaitOk(String path) throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .GET().build()).statusCode() == 200) {
                return;
            }
            if (attempt > 240) {
                throw new IllegalStateException(path + " not published");
            }
            Thread.sleep(500);
        }
    }

    private HttpRequest post(String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest put(String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(check(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build())).body());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> check(HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode()
                    + " " + r.body());
        }
        return r;
    }
}
