package org.pavilion.notifications.internal.channels.email;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.pavilion.notifications.email.cfg}: the SMTP server e-mail goes out through, and the IMAP mailbox its
 * bounces come back to. Secrets are private properties ({@code .password}, {@code .imapPassword}).
 */
@ObjectClassDefinition(pid = EmailConfig.PID, name = "Pavilion notifications: e-mail",
        description = "SMTP server for notifications and the mailbox bounces return to")
public @interface EmailConfig {

    String PID = "org.pavilion.notifications.email";

    @AttributeDefinition(description = "SMTP server host; empty: the e-mail channel is off and e-mail stays queued")
    String host() default "";

    @AttributeDefinition(description = "SMTP port (25, 587 with STARTTLS, 465 with SSL)")
    int port() default 25;

    @AttributeDefinition(description = "Transport security: NONE, STARTTLS (required once chosen) or SSL")
    String security() default "NONE";

    @AttributeDefinition(description = "SMTP user name; empty: no authentication")
    String username() default "";

    @AttributeDefinition(description = "SMTP password (never logged)", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "Sender address (From)")
    String from() default "";

    @AttributeDefinition(description = "Sender display name, e.g. the hospital's name")
    String fromName() default "";

    @AttributeDefinition(description = "Reply-To address; empty: none")
    String replyTo() default "";

    @AttributeDefinition(description = "Envelope sender (Return-Path) bounces go to; {id} is replaced by the notification id (VERP), e.g. bounces+{id}@hospital.org; empty: the From address")
    String envelopeFrom() default "";

    @AttributeDefinition(description = "Milliseconds to wait for the SMTP connection")
    int connectTimeoutMs() default 10000;

    @AttributeDefinition(description = "Milliseconds to wait for each SMTP answer")
    int timeoutMs() default 30000;

    @AttributeDefinition(description = "Seconds between looks into the bounce mailbox; 0: bounces are not read")
    int bouncePollSeconds() default 0;

    @AttributeDefinition(description = "IMAP server host of the bounce mailbox")
    String imapHost() default "";

    @AttributeDefinition(description = "IMAP port (143, 993 with SSL)")
    int imapPort() default 143;

    @AttributeDefinition(description = "IMAP transport security: NONE, STARTTLS or SSL")
    String imapSecurity() default "NONE";

    @AttributeDefinition(description = "IMAP user name")
    String imapUsername() default "";

    @AttributeDefinition(description = "IMAP password (never logged)", type = AttributeType.PASSWORD)
    String _imapPassword() default "";

    @AttributeDefinition(description = "Folder bounces arrive in")
    String imapFolder() default "INBOX";
}
