package org.pavilion.notifications.internal.recipients;

import java.util.Map;
import java.util.TreeMap;

/** JSON of the preferences endpoints: {@code {"channels": {"EMAIL": {"optedOut": true}, "SMS": {...}}}}. */
public final class PreferenceBodies {

    private PreferenceBodies() {
    }

    /** What a PUT sends: the channels it sets; channels it does not name keep their choice. */
    public static class Update {
        public Map<String, Choice> channels;

        public Update() {
        }

        public Update(Map<String, Choice> channels) {
            this.channels = channels;
        }
    }

    /** One channel's choice in a PUT. */
    public static class Choice {
        public Boolean optedOut;

        public Choice() {
        }

        public Choice(Boolean optedOut) {
            this.optedOut = optedOut;
        }
    }

    /** A patient's preferences: EMAIL and SMS always, any other channel once chosen. */
    public static class View {
        public String patientId;
        public Map<String, Channel> channels = new TreeMap<>();
    }

    /** One channel as stored; updatedAt and updatedBy null while nobody chose. */
    public static class Channel {
        public boolean optedOut;
        public String updatedAt;
        public String updatedBy;
    }
}
