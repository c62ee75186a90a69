package org.pavilion.emr.internal.portal;

import java.util.ArrayList;
import java.util.List;

/** A patient's own contact details and preferences, as the portal reads and changes them. */
public class OwnContact {
    public List<String> phones = new ArrayList<>();
    public String email;
    /** BCP 47 language tag, e.g. en or fr. */
    public String preferredLanguage;
    /** EMAIL, SMS, PHONE or POST; null when the patient has not said. */
    public String preferredChannel;
    /** The demographics' version: send it back so a change made meanwhile at the front desk is not overwritten. */
    public Long version;
}
