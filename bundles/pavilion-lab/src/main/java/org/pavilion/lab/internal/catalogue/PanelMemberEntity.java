package org.pavilion.lab.internal.catalogue;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.*;

/** A test of a panel, in its position. Table {@code lab_panel_member}. */
@Entity
@Table(name = "lab_panel_member")
@IdClass(PanelMemberEntity.Key.class)
public class PanelMemberEntity {

    @Id
    @Column(name = "panel_code")
    private String panelCode;

    @Id
    @Column(name = "test_code")
    private String testCode;

    @Column(name = "position")
    private int position;

    public String getPanelCode() { return panelCode; }
    public void setPanelCode(String panelCode) { this.panelCode = panelCode; }
    public String getTestCode() { return testCode; }
    public void setTestCode(String testCode) { this.testCode = testCode; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String panelCode;
        public String testCode;

        public Key() {
        }

        public Key(String panelCode, String testCode) {
            this.panelCode = panelCode;
            this.testCode = testCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(panelCode, k.panelCode) && Objects.equals(testCode, k.testCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(panelCode, testCode);
        }
    }
}
