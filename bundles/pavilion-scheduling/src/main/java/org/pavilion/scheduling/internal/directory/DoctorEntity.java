package org.pavilion.scheduling.internal.directory;

import javax.persistence.*;

/** A doctor's public profile; education and achievements are JSON arrays of strings. */
@Entity
@Table(name = "sched_doctor")
public class DoctorEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "username")
    private String username;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "title")
    private String title;

    @Column(name = "biography")
    private String biography;

    @Column(name = "education")
    private String education;

    @Column(name = "achievements")
    private String achievements;

    @Column(name = "active")
    private boolean active;

    @Column(name = "rating_count")
    private int ratingCount;

    @Column(name = "rating_sum")
    private long ratingSum;

    @Column(name = "created_ms")
    private long createdMs;

    @Column(name = "updated_ms")
    private long updatedMs;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBiography() { return biography; }
    public void setBiography(String biography) { this.biography = biography; }
    public String getEducation() { return education; }
    public void setEducation(String education) { this.education = education; }
    public String getAchievements() { return achievements; }
    public void setAchievements(String achievements) { this.achievements = achievements; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getRatingCount() { return ratingCount; }
    public void setRatingCount(int ratingCount) { this.ratingCount = ratingCount; }
    public long getRatingSum() { return ratingSum; }
    public void setRatingSum(long ratingSum) { this.ratingSum = ratingSum; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
