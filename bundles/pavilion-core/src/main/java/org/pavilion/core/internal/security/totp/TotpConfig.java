package org.pavilion.core.internal.security.totp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Two-step sign-in: where the key encrypting the stored TOTP secrets lives (PID org.pavilion.core.totp). */
@ObjectClassDefinition(name = "Pavilion two-step sign-in")
public @interface TotpConfig {

    @AttributeDefinition(description = "File with the AES key encrypting TOTP secrets in the database, created (owner "
            + "read/write only) when missing. Empty: ${karaf.etc}/pavilion-totp.key. Read at start.")
    String keyFile() default "";
}
