package dev.logverdict.html;

import dev.logverdict.report.view.HtmlReportRenderer;
import dev.logverdict.report.view.ReportView;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTML page through a Qute template parsed as text/html: every {@code {expression}} is HTML-escaped
 * by the engine's escaper, so attacker-written log text renders as text. The template is parsed once.
 */
@ApplicationScoped
public class QuteHtmlReportRenderer implements HtmlReportRenderer {

    static final String TEMPLATE = "templates/report.html";
    private static final String HTML = "text/html";

    private final Template template;

    public QuteHtmlReportRenderer() {
        Engine engine = Engine.builder()
                .addDefaults()
                // The view is records: their accessors are read by name (registered for reflection for native).
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(HTML)))
                .build();
        this.template = engine.parse(read(TEMPLATE), Variant.forContentType(HTML));
    }

    @Override
    public byte[] render(ReportView view) {
        return template.data("view", view).render().getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String resource) {
        try (InputStream in = QuteHtmlReportRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
