package org.pavilion.billing.internal.documents;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.pavilion.billing.internal.BillingConfig;

/** What every billing document prints at its top: the hospital's name, address and tax number; and its day's zone. */
public record Letterhead(String hospitalName, List<String> address, String taxNumber, ZoneId zone) {

    public static Letterhead of(BillingConfig c) {
        List<String> address = c.hospitalAddress() == null ? List.of()
                : Arrays.stream(c.hospitalAddress().split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        ZoneId zone = c.zone() == null || c.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(c.zone().strip());
        return new Letterhead(c.hospitalName(), address, c.taxNumber() == null ? "" : c.taxNumber().strip(), zone);
    }
}
