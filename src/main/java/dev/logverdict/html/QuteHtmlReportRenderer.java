package dev.logverdict.html;

import dev.logverdict.report.view.HtmlReportRenderer;
import dev.logverdict.report.view.ReportView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * The HTML page through a type-safe Qute template: checked at build time, and every {@code {expression}}
 * is HTML-escaped because the template is an .html file, so attacker-written log text renders as text.
 */
@ApplicationScoped
public class QuteHtmlReportRenderer implements HtmlReportRenderer {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(ReportView view);
    }

    @Override
    public byte[] render(ReportView view) {
        return Templates.report(view).render().getBytes(StandardCharsets.UTF_8);
    }
}
