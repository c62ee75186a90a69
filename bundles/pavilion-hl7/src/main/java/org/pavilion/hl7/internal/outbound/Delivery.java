package org.pavilion.hl7.internal.outbound;

/**
 * What one attempt to send a message gave: ACCEPTED (AA or CA with our control id), NEGATIVE (AE, AR, CE, CR:
 * the receiver read the message and refused it) or TRANSPORT (no connection, no or unreadable ACK, timeout, an
 * ACK for another message: the receiver may not have seen it).
 */
public record Delivery(Kind kind, String ackCode, String ackText, String error) {

    public enum Kind {
        ACCEPTED, NEGATIVE, TRANSPORT
    }

    public static Delivery transport(String error) {
        return new Delivery(Kind.TRANSPORT, null, null, error);
    }

    /** Reads MSA-1 and MSA-2 of the ACK the receiver answered {@code controlId} with. */
    public static Delivery fromAck(String ackText, String controlId) {
        if (ackText == null || ackText.length() < 8 || !ackText.startsWith("MSH")) {
            return new Delivery(Kind.TRANSPORT, null, ackText, "the answer is not an HL7 ACK");
        }
        String fs = String.valueOf(ackText.charAt(3));
        String msa = null;
        String err = null;
        for (String segment : ackText.split("[\r\n]+")) {
            if (segment.startsWith("MSA" + fs) && msa == null) {
                msa = segment;
            } else if (segment.startsWith("ERR" + fs) && err == null) {
                err = segment;
            }
        }
        if (msa == null) {
            return new Delivery(Kind.TRANSPORT, null, ackText, "the ACK has no MSA segment");
        }
        String[] f = msa.split(java.util.regex.Pattern.quote(fs), -1);
        String code = f.length > 1 ? f[1].strip() : "";
        String acked = f.length > 2 ? f[2].strip() : "";
        if (!acked.equals(controlId)) {
            return new Delivery(Kind.TRANSPORT, code, ackText, "the ACK is for control id '" + acked + "', not "
                    + controlId);
        }
        switch (code) {
            case "AA", "CA":
                return new Delivery(Kind.ACCEPTED, code, ackText, null);
            case "AE", "AR", "CE", "CR": {
                String text = f.length > 3 && !f[3].isBlank() ? f[3].strip() : err;
                return new Delivery(Kind.NEGATIVE, code, ackText, code + (text == null ? "" : ": " + text));
            }
            default:
                return new Delivery(Kind.TRANSPORT, code, ackText, "unknown acknowledgement code '" + code + "'");
        }
    }
}
