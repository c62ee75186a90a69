package org.pavilion.notifications.internal.account;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.notifications.account.cfg}: where the links in account messages point. */
@ObjectClassDefinition(pid = AccountMessagesConfig.PID, name = "Pavilion notifications: account messages",
        description = "The links sent to users about their accounts (password reset)")
public @interface AccountMessagesConfig {

    String PID = "org.pavilion.notifications.account";

    @AttributeDefinition(description = "The address users reach Pavilion's web UI at, as seen from their browser "
            + "(scheme, host, port; no trailing path)")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Path of the web UI's reset page, followed directly by the token")
    String resetPath() default "/#/reset-password?token=";
}
