package org.pavilion.hl7.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One MLLP listener: etc/org.pavilion.hl7.listener-&lt;name&gt;.cfg (factory PID org.pavilion.hl7.listener). */
@ObjectClassDefinition(name = "Pavilion HL7 MLLP listener")
public @interface ListenerConfig {

    @AttributeDefinition(description = "Listener name (route hl7-listener-<name>); the file's suffix when empty")
    String name() default "";

    @AttributeDefinition(description = "Address to bind; 0.0.0.0 for all interfaces")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port")
    int port() default 2575;

    @AttributeDefinition(description = "Connections served at once; more wait to be accepted")
    int maxConcurrentConsumers() default 10;

    @AttributeDefinition(description = "Character set of messages without MSH-18 (Java name)")
    String charset() default "UTF-8";

    @AttributeDefinition(description = "Largest message accepted, in bytes; larger ones are answered AR")
    int maxMessageBytes() default 1048576;

    @AttributeDefinition(description = "Idle connection timeout in ms (0: none)")
    int idleTimeoutMs() default 0;
}
