#set( $D = "${departmentName.substring(0,1).toUpperCase()}${departmentName.substring(1)}" )
package ${package}.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: the ${departmentTitle} department accepted a referral for a patient. Published as event type
 * {@link #TYPE} in the same transaction as the referral, with subject key {@code patient:<MRN>}.
 */
@ProviderType
public class ReferralOpened {

    /** Event types are global on the bus: the department's name keeps this one apart from other vendors'. */
    public static final String TYPE = "${D}ReferralOpened";

    public String referralId;
    /** The patient's MRN. */
    public String patientId;
    public String reason;
    public String referredBy;
    /** ISO-8601 instant. */
    public String openedAt;
}
