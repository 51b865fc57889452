package dev.logverdict;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.logverdict.lambda.NativeReflection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.logverdict");

    /** The core: parsing, addresses, verdict policy, report model, and the storage port. */
    private static final String[] PURE_PACKAGES = {
            "dev.logverdict.log..", "dev.logverdict.ip..", "dev.logverdict.intel", "dev.logverdict.report..",
            "dev.logverdict.storage"};

    @Test
    void theCoreImportsNoFrameworkCloudOrHttpClasses() {
        ArchRule rule = noClasses().that().resideInAnyPackage(PURE_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "software.amazon..", "com.amazonaws..",
                        "org.eclipse.microprofile..", "io.vertx..", "io.smallrye..", "org.jboss..", "java.net.http..",
                        "org.apache.http..", "okhttp3..")
                .because("the core must stay testable without a container and portable to any runtime");
        rule.check(CLASSES);
    }

    @Test
    void theCoreDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(PURE_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.logverdict.intel.virustotal..", "dev.logverdict.storage.s3..", "dev.logverdict.lambda..",
                        "dev.logverdict.scan..")
                .check(CLASSES);
    }

    @Test
    void everyJacksonMappedRecordIsRegisteredForReflection() {
        Set<Class<?>> registered = Set.copyOf(Arrays.asList(
                NativeReflection.class.getAnnotation(RegisterForReflection.class).targets()));
        List<String> missing = CLASSES.stream()
                .filter(c -> c.getPackageName().equals("dev.logverdict.report")
                        || c.getPackageName().equals("dev.logverdict.intel.virustotal")
                        || c.getPackageName().equals("dev.logverdict.lambda")
                        || c.getPackageName().equals("dev.logverdict.scan"))
                .filter(c -> c.reflect().isRecord() && Modifier.isPublic(c.reflect().getModifiers()))
                .map(JavaClass::reflect)
                .filter(type -> !registered.contains(type))
                .map(Class::getName)
                .collect(Collectors.toList());
        assertThat(missing).as("records serialised by Jackson but not in NativeReflection").isEmpty();
        assertThat(registered).as("the check above found the records it guards").contains(
                dev.logverdict.report.Report.class, dev.logverdict.intel.virustotal.IpAddressResponse.Attributes.class);
    }
}
