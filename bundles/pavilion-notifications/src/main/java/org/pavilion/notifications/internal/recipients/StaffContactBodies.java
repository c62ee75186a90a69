package org.pavilion.notifications.internal.recipients;

/** JSON of the staff contact endpoints. */
public final class StaffContactBodies {

    private StaffContactBodies() {
    }

    /** What a PUT sends; a field left out or empty is removed. */
    public static class Update {
        public String email;
        public String phone;
        public String language;

        public Update() {
        }

        public Update(String email, String phone, String language) {
            this.email = email;
            this.phone = phone;
            this.language = language;
        }
    }

    /** A contact entry as stored; updatedAt null when the staff member has none yet (GET me/contact). */
    public static class Contact {
        public String username;
        public String email;
        public String phone;
        public String language;
        public String updatedAt;
        public String updatedBy;
    }
}
