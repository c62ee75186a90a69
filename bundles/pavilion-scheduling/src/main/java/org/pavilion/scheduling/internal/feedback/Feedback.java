package org.pavilion.scheduling.internal.feedback;

import org.pavilion.scheduling.internal.Times;

/**
 * A rating as staff read it: the appointment, the doctor, the rating and the comment. No patient id: the comments
 * are about the visit, and staff who read them for the doctor's sake do not need to know whose they are.
 */
public class Feedback {
    public String appointmentId;
    public String doctorId;
    public int rating;
    public String comment;
    public String createdAt;

    static Feedback of(FeedbackEntity e) {
        Feedback f = new Feedback();
        f.appointmentId = e.getAppointmentId();
        f.doctorId = e.getDoctorId();
        f.rating = e.getRating();
        f.comment = e.getComment();
        f.createdAt = Times.instant(e.getCreatedMs());
        return f;
    }
}
