package org.pavilion.billing.internal.charges;

/**
 * What filing a source came to: its charge, or its parked charge; {@code fresh} false when an earlier delivery of the
 * same source filed it already ("already charged": nothing new, not an error).
 */
public record Filed(ChargeEntity charge, ParkedChargeEntity parked, boolean fresh) {

    static Filed charged(ChargeEntity c, boolean fresh) {
        return new Filed(c, null, fresh);
    }

    static Filed parked(ParkedChargeEntity p, boolean fresh) {
        return new Filed(null, p, fresh);
    }

    public boolean isCharged() {
        return charge != null;
    }

    @Override
    public String toString() {
        return (fresh ? "" : "already ") + (charge != null ? "charged " + charge.getId() : "parked " + parked.getId()
                + " (" + parked.getReason() + ")");
    }
}
