package dev.logverdict;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.logverdict.alert.ScanAlert;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.abuseipdb.CheckResponse;
import dev.logverdict.intel.keys.ParametersSecretsExtensionApi;
import dev.logverdict.intel.queue.PendingLookups;
import dev.logverdict.intel.sources.SourceRefresh;
import dev.logverdict.intel.stored.StoredQuotaLedger;
import dev.logverdict.intel.stored.StoredVerdictCache;
import dev.logverdict.intel.virustotal.ErrorResponse;
import dev.logverdict.intel.virustotal.IpAddressResponse;
import dev.logverdict.lambda.InvocationSummary;
import dev.logverdict.lambda.NativeReflection;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.export.Finding;
import dev.logverdict.report.export.StixBundle;
import dev.logverdict.report.ocsf.DetectionFinding;
import dev.logverdict.report.view.ReportView;
import dev.logverdict.scan.BlocklistUpdate;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.logverdict");

    /** The core: parsing, addresses, verdict policy, report model and its views, the alert model, and the storage port. */
    private static final String[] PURE_PACKAGES = {
        "dev.logverdict.log..",
        "dev.logverdict.ip..",
        "dev.logverdict.intel",
        "dev.logverdict.intel.feeds",
        "dev.logverdict.intel.queue",
        "dev.logverdict.intel.sources",
        "dev.logverdict.intel.network",
        "dev.logverdict.intel.stored",
        "dev.logverdict.report..",
        "dev.logverdict.alert",
        "dev.logverdict.blocklist",
        "dev.logverdict.storage"
    };

    @Test
    void theCoreImportsNoFrameworkCloudOrHttpClasses() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(PURE_PACKAGES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "javax..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "org.eclipse.microprofile..",
                        "io.vertx..",
                        "io.smallrye..",
                        "org.jboss..",
                        "java.net.http..",
                        "org.apache.http..",
                        "okhttp3..")
                .because("the core must stay testable without a container and portable to any runtime");
        rule.check(CLASSES);
    }

    @Test
    void theCoreDoesNotReachIntoAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE_PACKAGES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.logverdict.intel.virustotal..",
                        "dev.logverdict.intel.abuseipdb..",
                        "dev.logverdict.intel.keys..",
                        "dev.logverdict.intel.sources.http..",
                        "dev.logverdict.storage.s3..",
                        "dev.logverdict.alert.aws..",
                        "dev.logverdict.blocklist.aws..",
                        "dev.logverdict.html..",
                        "dev.logverdict.metrics..",
                        "dev.logverdict.lambda..",
                        "dev.logverdict.scan..")
                .check(CLASSES);
    }

    @Test
    void theScannersInternalsStayInsideIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.logverdict.log..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.logverdict.log.bytes..", "dev.logverdict.log.format..")
                .because(
                        "byte primitives and line formats serve the scanner; the rest of the code sees its API and results")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.logverdict.log.bytes..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.logverdict.log", "dev.logverdict.log.format..", "dev.logverdict.log.activity..")
                .because("byte primitives know nothing of logs")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.logverdict.log.format..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.logverdict.log.activity..")
                .because("a line's format is read without knowing what is counted")
                .check(CLASSES);
    }

    /** The types Jackson reads or writes at the edges; every record reachable from them is mapped too. */
    private static final List<Class<?>> JSON_ROOTS = List.of(
            Report.class,
            ReportWriter.OutputsLast.class,
            InvocationSummary.class,
            PendingLookups.class,
            SourceRefresh.State.class,
            IpAddressResponse.class,
            ErrorResponse.class,
            CheckResponse.class,
            ParametersSecretsExtensionApi.SecretValue.class,
            ParametersSecretsExtensionApi.ParameterValue.class,
            StoredVerdictCache.Entry.class,
            StoredQuotaLedger.Day.class,
            ScanAlert.class,
            StixBundle.class,
            StixBundle.Identity.class,
            StixBundle.Indicator.class,
            Finding.class,
            DetectionFinding.class,
            BlocklistUpdate.State.class,
            BlocklistUpdate.Published.class);

    @Test
    void everyRecordTheHtmlTemplateReadsIsRegisteredForReflection() {
        // The Qute engine reads the view's records by reflection, which the native image must be told of.
        Set<Class<?>> registered = Set.copyOf(Arrays.asList(NativeReflection.class
                .getAnnotation(RegisterForReflection.class)
                .targets()));
        Set<Class<?>> view = new LinkedHashSet<>();
        collectRecords(ReportView.class, view);
        assertThat(view).contains(ReportView.AggregatedRow.class, ReportView.NetworkRow.class);
        assertThat(view).as("view records not in NativeReflection").isSubsetOf(registered);
    }

    @Test
    void everyJacksonMappedRecordIsRegisteredForReflection() {
        Set<Class<?>> registered = Set.copyOf(Arrays.asList(NativeReflection.class
                .getAnnotation(RegisterForReflection.class)
                .targets()));
        Set<Class<?>> mapped = new LinkedHashSet<>();
        JSON_ROOTS.forEach(root -> collectRecords(root, mapped));
        assertThat(mapped)
                .as("the walk found nested records")
                .contains(Report.IpEntry.class, Reputation.class, IpAddressResponse.AnalysisStats.class);
        assertThat(mapped.stream()
                        .filter(type -> !registered.contains(type))
                        .map(Class::getName)
                        .toList())
                .as("records serialised by Jackson but not in NativeReflection")
                .isEmpty();
    }

    private static void collectRecords(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType parameterized) {
            collectRecords(parameterized.getRawType(), found);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collectRecords(argument, found);
            }
        } else if (type instanceof Class<?> clazz && clazz.isRecord() && found.add(clazz)) {
            for (RecordComponent component : clazz.getRecordComponents()) {
                collectRecords(component.getGenericType(), found);
            }
        }
    }
}
