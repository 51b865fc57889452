package dev.logverdict.report.view;

/** Renders the human-readable page that goes beside the JSON report. */
public interface HtmlReportRenderer {

    /** The whole page, UTF-8; self-contained (no external assets, no scripts). */
    byte[] render(ReportView view);
}
