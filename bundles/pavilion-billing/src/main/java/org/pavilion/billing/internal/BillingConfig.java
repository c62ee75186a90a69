package org.pavilion.billing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.pavilion.billing.cfg}: read by every component of the department that needs one of these. The two
 * secrets are private properties ({@code .paymentProviderKey}, {@code .paymentWebhookSecret}: a method name's leading
 * underscore is a dot), so Declarative Services never copies them onto a registered service's properties.
 */
@ObjectClassDefinition(pid = BillingConfig.PID, name = "Pavilion billing",
        description = "Currency, business day, invoices, online payment provider, insurers")
public @interface BillingConfig {

    String PID = "org.pavilion.billing";

    @AttributeDefinition(description = "The hospital's currency (ISO 4217): every price and amount is in it")
    String currency() default "EUR";

    @AttributeDefinition(description = "Time zone of the business day (service dates, cashiers' days); empty: the server's")
    String zone() default "";

    @AttributeDefinition(description = "Days after issue by which the patient's share is due")
    int paymentTermDays() default 30;

    @AttributeDefinition(description = "Printed on invoices and receipts")
    String hospitalName() default "Pavilion Hospital";

    @AttributeDefinition(description = "Printed on invoices and receipts (lines separated by |)")
    String hospitalAddress() default "";

    @AttributeDefinition(description = "The hospital's tax number, printed on invoices")
    String taxNumber() default "";

    @AttributeDefinition(description = "Online payment provider's API base URL; empty: online payment is off")
    String paymentProviderUrl() default "";

    @AttributeDefinition(description = "Online payment provider's secret API key (never logged)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _paymentProviderKey() default "";

    @AttributeDefinition(description = "Shared secret the provider signs its payment notifications with (HMAC-SHA256)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _paymentWebhookSecret() default "";

    @AttributeDefinition(description = "Where the provider sends the patient back after paying (the portal's bills page)")
    String paymentReturnUrl() default "/portal/#/billing";

    @AttributeDefinition(description = "Seconds an insurer's FHIR server has to answer an eligibility check or a claim")
    int insurerTimeoutSeconds() default 20;

    @AttributeDefinition(description = "Charge the consultation when an appointment is completed (scheduling's AppointmentCompleted)")
    boolean chargeAppointments() default true;

    @AttributeDefinition(description = "Charge lab tests when released (the lab's LabTestCompleted)")
    boolean chargeLabTests() default true;

    @AttributeDefinition(description = "Charge dispensed medicines and credit returns (the pharmacy's MedicationDispensed/Returned)")
    boolean chargeDispenses() default true;

    @AttributeDefinition(description = "Charge a video visit when its consultation ends (telemedicine's ConsultationEnded) "
            + "instead of when scheduling completes the VIDEO appointment, while telemedicine is installed (without it, "
            + "by the appointment): one charge per video visit either way")
    boolean chargeTeleconsultations() default true;

    @AttributeDefinition(description = "The price list's code an ended video consultation is charged at")
    String teleconsultationCode() default "TELECONSULTATION";
}
