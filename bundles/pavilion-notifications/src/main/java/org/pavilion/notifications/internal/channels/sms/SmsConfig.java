package org.pavilion.notifications.internal.channels.sms;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.pavilion.notifications.sms.cfg}: the HTTP gateway SMS go out through, how a request is written, how
 * we authenticate, and the secret its delivery reports carry. Secrets are private properties ({@code .password},
 * {@code .apiKey}, {@code .reportSecret}).
 */
@ObjectClassDefinition(pid = SmsConfig.PID, name = "Pavilion notifications: SMS gateway",
        description = "HTTP SMS gateway for notifications and its delivery reports")
public @interface SmsConfig {

    String PID = "org.pavilion.notifications.sms";

    @AttributeDefinition(description = "Gateway URL messages are POSTed to; empty: the SMS channel is off and SMS stay queued")
    String url() default "";

    @AttributeDefinition(description = "Request style: FORM (application/x-www-form-urlencoded fields) or JSON (requestTemplate)")
    String style() default "FORM";

    @AttributeDefinition(description = "FORM: field of the recipient's number")
    String toField() default "to";

    @AttributeDefinition(description = "FORM: field of the text")
    String textField() default "text";

    @AttributeDefinition(description = "FORM: field of the sender; empty: not sent")
    String senderField() default "from";

    @AttributeDefinition(description = "FORM: field of our notification id as the client reference; empty: not sent")
    String referenceField() default "reference";

    @AttributeDefinition(description = "Sender name or number shown to the recipient")
    String sender() default "";

    @AttributeDefinition(description = "JSON: request body with {{to}} {{text}} {{sender}} {{reference}} (values JSON-escaped, write them inside quotes)")
    String requestTemplate() default "{\"to\":\"{{to}}\",\"text\":\"{{text}}\",\"from\":\"{{sender}}\",\"reference\":\"{{reference}}\"}";

    @AttributeDefinition(description = "JSON: Content-Type of the request")
    String contentType() default "application/json";

    @AttributeDefinition(description = "Authentication: NONE, BASIC (username, .password), BEARER (.apiKey) or HEADER (.apiKey in apiKeyHeader)")
    String auth() default "NONE";

    @AttributeDefinition(description = "BASIC: user name")
    String username() default "";

    @AttributeDefinition(description = "BASIC: password (never logged)", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "BEARER or HEADER: API key (never logged)", type = AttributeType.PASSWORD)
    String _apiKey() default "";

    @AttributeDefinition(description = "HEADER: name of the header carrying the API key")
    String apiKeyHeader() default "X-API-Key";

    @AttributeDefinition(description = "JSON pointer to the gateway's message id in its answer, e.g. /messages/0/id; empty: none")
    String messageIdPointer() default "";

    @AttributeDefinition(description = "Milliseconds to wait for the gateway (connection and answer)")
    int timeoutMs() default 15000;

    @AttributeDefinition(description = "Requests in flight at once")
    int concurrency() default 4;

    @AttributeDefinition(description = "Shared secret the gateway's delivery reports carry (header X-Report-Secret or query secret); empty: reports refused", type = AttributeType.PASSWORD)
    String _reportSecret() default "";
}
