package org.pavilion.scheduling.internal.feedback;

/** The body of {@code POST /my/feedback/{appointmentId}}: a rating from 1 to 5 and an optional comment. */
public class FeedbackRequest {
    public Integer rating;
    public String comment;

    public FeedbackRequest() {
    }

    public FeedbackRequest(Integer rating, String comment) {
        this.rating = rating;
        this.comment = comment;
    }
}
