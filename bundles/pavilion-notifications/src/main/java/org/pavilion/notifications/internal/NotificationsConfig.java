package org.pavilion.notifications.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.pavilion.notifications.cfg}: languages, quiet hours, the dispatcher's pace and retries, reminders.
 * The channels have their own PIDs ({@code org.pavilion.notifications.email}, {@code org.pavilion.notifications.sms}).
 */
@ObjectClassDefinition(pid = NotificationsConfig.PID, name = "Pavilion notifications",
        description = "Languages, quiet hours, delivery retries and reminders")
public @interface NotificationsConfig {

    String PID = "org.pavilion.notifications";

    @AttributeDefinition(description = "Language of the templates used when a recipient's preferred language has none (BCP 47)")
    String defaultLanguage() default "en";

    @AttributeDefinition(description = "IANA time zone of quiet hours and of the dates and times written in messages; empty: the server's")
    String zone() default "";

    @AttributeDefinition(description = "Quiet hours start (HH:mm): from then on only urgent staff alerts go out; empty: no quiet hours")
    String quietHoursStart() default "21:00";

    @AttributeDefinition(description = "Quiet hours end (HH:mm): messages held back go out from then")
    String quietHoursEnd() default "08:00";

    @AttributeDefinition(description = "How often the dispatcher looks for due messages, in milliseconds")
    long dispatchIntervalMs() default 1000;

    @AttributeDefinition(description = "Messages of one channel claimed and sent together at most (one SMTP connection for an e-mail batch)")
    int batchSize() default 50;

    @AttributeDefinition(description = "Senders working at once per container (each takes its own batch)")
    int senders() default 2;

    @AttributeDefinition(description = "Attempts before a message is marked FAILED")
    int maxAttempts() default 8;

    @AttributeDefinition(description = "Delay after the first failed attempt in milliseconds, doubled for each further one")
    long backoffBaseMs() default 30000;

    @AttributeDefinition(description = "Longest delay between attempts in milliseconds")
    long backoffMaxMs() default 3600000;

    @AttributeDefinition(description = "A claimed message not reported sent after this many milliseconds (its container died) is due again")
    long claimTimeoutMs() default 300000;

    @AttributeDefinition(description = "How often the reminder route looks for due reminders, in milliseconds")
    long reminderIntervalMs() default 10000;

    @AttributeDefinition(description = "Days a delivery log entry is kept (then its address and text are removed; the row stays for counts)")
    int logRetentionDays() default 365;
}
