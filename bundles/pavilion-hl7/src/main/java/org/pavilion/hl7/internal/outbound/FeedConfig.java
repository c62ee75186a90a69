package org.pavilion.hl7.internal.outbound;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One outbound feed: etc/org.pavilion.hl7.feed-&lt;name&gt;.cfg (factory PID org.pavilion.hl7.feed). Secrets are
 * private properties ({@code .truststorePassword}, {@code .keystorePassword}): never logged nor shown.
 */
@ObjectClassDefinition(name = "Pavilion HL7 outbound feed")
public @interface FeedConfig {

    @AttributeDefinition(description = "Feed name ([A-Za-z0-9_.-], subscriber hl7-feed-<name>); the file's suffix when empty")
    String name() default "";

    @AttributeDefinition(description = "Off: no events are queued and nothing is sent")
    boolean enabled() default true;

    @AttributeDefinition(description = "Receiver's host name or address")
    String host() default "localhost";

    @AttributeDefinition(description = "Receiver's MLLP port")
    int port() default 2575;

    @AttributeDefinition(description = "HL7 version sent (MSH-12): 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7 or 2.8")
    String version() default "2.5.1";

    @AttributeDefinition(description = "Events that become messages: PatientRegistered (ADT^A04), PatientUpdated (ADT^A08), PatientsMerged (ADT^A40)")
    String events() default "PatientRegistered,PatientUpdated,PatientsMerged";

    @AttributeDefinition(description = "MSH-3 sending application")
    String sendingApplication() default "PAVILION";

    @AttributeDefinition(description = "MSH-4 sending facility")
    String sendingFacility() default "HOSPITAL";

    @AttributeDefinition(description = "MSH-5 receiving application")
    String receivingApplication() default "";

    @AttributeDefinition(description = "MSH-6 receiving facility")
    String receivingFacility() default "";

    @AttributeDefinition(description = "Assigning authority of the MRN in PID-3.4 and MRG-1.4")
    String mrnAuthority() default "PAVILION";

    @AttributeDefinition(description = "MSH-11 processing id: P (production), T (training) or D (debugging)")
    String processingId() default "P";

    @AttributeDefinition(description = "Character set of the bytes sent (Java name); MSH-18 names it for UTF-8, ISO-8859-1 and US-ASCII")
    String charset() default "UTF-8";

    @AttributeDefinition(description = "Time to wait for the ACK, ms")
    int ackTimeoutMs() default 15000;

    @AttributeDefinition(description = "Time to wait for a connection, ms")
    int connectTimeoutMs() default 5000;

    @AttributeDefinition(description = "Delay after the first failed attempt, ms; doubled for each further one")
    long retryInitialMs() default 1000;

    @AttributeDefinition(description = "Longest delay between attempts, ms")
    long retryMaxMs() default 300000;

    @AttributeDefinition(description = "Attempts answered AE or AR before a message is parked as FAILED")
    int maxAttempts() default 5;

    @AttributeDefinition(description = "How often the sender looks for due messages when idle, ms")
    long pollIntervalMs() default 500;

    @AttributeDefinition(description = "MLLP over TLS (TLSv1.2/1.3 only) to the receiver")
    boolean tls() default false;

    @AttributeDefinition(description = "TLS: trust store with the receiver's CA (relative to Karaf's etc); empty: the JVM's default CAs")
    String truststore() default "";

    @AttributeDefinition(description = "TLS: trust store password", type = AttributeType.PASSWORD)
    String _truststorePassword() default "";

    @AttributeDefinition(description = "TLS: key store with our client certificate for mutual TLS (relative to Karaf's etc); empty: none")
    String keystore() default "";

    @AttributeDefinition(description = "TLS: key store password (also the key's)", type = AttributeType.PASSWORD)
    String _keystorePassword() default "";

    @AttributeDefinition(description = "TLS: type of truststore and keystore (PKCS12 or JKS)")
    String keystoreType() default "PKCS12";

    @AttributeDefinition(description = "TLS: the receiver's certificate must name host (DNS or IP subject alternative name)")
    boolean verifyHostname() default true;
}
