package org.pavilion.core.internal.audit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pavilion audit integrity",
        description = "Where the audit chain's HMAC key and this container's chain head checkpoint are kept")
public @interface AuditIntegrityConfig {

    @AttributeDefinition(description = "Key file (current=<id> and <id>=<base64> lines); created with one random key "
            + "when missing. Empty: ${karaf.etc}/pavilion-audit.key")
    String keyFile() default "";

    @AttributeDefinition(description = "This container's chain head checkpoint. Empty: "
            + "${karaf.data}/pavilion/audit-head")
    String headFile() default "";

    @AttributeDefinition(description = "Milliseconds between checkpoint writes (only when new records were committed)")
    long checkpointIntervalMs() default 1000;
}
