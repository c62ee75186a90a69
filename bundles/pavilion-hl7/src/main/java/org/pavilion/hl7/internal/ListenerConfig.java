package org.pavilion.hl7.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One MLLP listener: etc/org.pavilion.hl7.listener-&lt;name&gt;.cfg (factory PID org.pavilion.hl7.listener). Secrets
 * are private properties ({@code .keystorePassword}, {@code .truststorePassword}): never logged nor shown.
 */
@ObjectClassDefinition(name = "Pavilion HL7 MLLP listener")
public @interface ListenerConfig {

    @AttributeDefinition(description = "Listener name (route hl7-listener-<name>); the file's suffix when empty")
    String name() default "";

    @AttributeDefinition(description = "Address to bind; 127.0.0.1 (this machine only) until an integrator opens it, 0.0.0.0 for all interfaces")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port")
    int port() default 2575;

    @AttributeDefinition(description = "Connections served at once; more wait to be accepted")
    int maxConcurrentConsumers() default 10;

    @AttributeDefinition(description = "Character set of messages without MSH-18 (Java name)")
    String charset() default "UTF-8";

    @AttributeDefinition(description = "Largest message accepted, in bytes; larger ones are answered AR")
    int maxMessageBytes() default 1048576;

    @AttributeDefinition(description = "A connection that sends nothing for this long is closed, in ms (0: never; then idle sockets can hold every consumer slot)")
    int idleTimeoutMs() default 60000;

    @AttributeDefinition(description = "Addresses and CIDR blocks (IPv4, IPv6) allowed to connect, comma separated; empty: loopback only. Others are reset unread and audited")
    String allowedAddresses() default "";

    @AttributeDefinition(description = "Sending systems allowed, MSH-3^MSH-4 pairs such as LAB^MAIN_HOSPITAL (* for any), comma separated; empty: any. Others are answered AR and not stored")
    String allowedSenders() default "";

    @AttributeDefinition(description = "MLLP over TLS (TLSv1.2/1.3 only); needs keystore")
    boolean tls() default false;

    @AttributeDefinition(description = "TLS: key store with this listener's certificate and key (relative to Karaf's etc)")
    String keystore() default "";

    @AttributeDefinition(description = "TLS: key store password (also the key's)", type = AttributeType.PASSWORD)
    String _keystorePassword() default "";

    @AttributeDefinition(description = "TLS: type of keystore and truststore (PKCS12 or JKS)")
    String keystoreType() default "PKCS12";

    @AttributeDefinition(description = "TLS: trust store with the CA of the senders' client certificates (relative to Karaf's etc)")
    String truststore() default "";

    @AttributeDefinition(description = "TLS: trust store password", type = AttributeType.PASSWORD)
    String _truststorePassword() default "";

    @AttributeDefinition(description = "TLS client certificates: NONE, WANT or REQUIRE (mutual TLS)")
    String clientAuth() default "NONE";
}
