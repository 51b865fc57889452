package dev.logverdict.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trino.sql.parser.ParsingOptions;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment's guard rails, read from template.yaml itself: what would turn a mistake into a disaster. */
class TemplateTest {

    private static Map<String, Object> template;

    private static final String BUCKET_NAME = "${BucketNamePrefix}-${AWS::AccountId}-${AWS::Region}-${StackSuffix}";
    /** The last group of the stack id's UUID: unique per stack, lower-case hex, fit for a bucket name. */
    private static final Map<String, Object> STACK_SUFFIX = Map.of(
            "Fn::Select",
            List.of(
                    4,
                    Map.of(
                            "Fn::Split",
                            List.of(
                                    "-",
                                    Map.of(
                                            "Fn::Select",
                                            List.of(
                                                    2,
                                                    Map.of(
                                                            "Fn::Split",
                                                            List.of("/", Map.of("Ref", "AWS::StackId")))))))));

    /** CloudFormation's short-form intrinsics (!Sub, !Ref, !If …) become {"Fn::…": value} maps. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String tag : List.of(
                    "Ref",
                    "Sub",
                    "GetAtt",
                    "If",
                    "Equals",
                    "Contains",
                    "Not",
                    "And",
                    "Or",
                    "Join",
                    "Select",
                    "Split",
                    "FindInMap",
                    "ImportValue",
                    "Base64",
                    "Cidr",
                    "GetAZs",
                    "Condition")) {
                this.yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value = node instanceof ScalarNode scalar
                                ? scalar.getValue()
                                : node instanceof SequenceNode sequence
                                        ? constructSequence(sequence)
                                        : constructMapping((MappingNode) node);
                        return Map.of(tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag, value);
                    }
                });
            }
        }
    }

    @BeforeAll
    static void readTemplate() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("template.yaml"))) {
            template = new Yaml(new CloudFormationConstructor()).load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    private static Map<String, Object> resource(String name) {
        return map(template, "Resources", name);
    }

    private static Object parameterDefault(String name) {
        return map(template, "Parameters", name).get("Default");
    }

    @Test
    void theTriggerFiresOnlyUnderTheInputPrefixAndReportsLieOutsideIt() {
        Map<String, Object> event = map(resource("ScanFunction"), "Properties", "Events", "LogUploaded", "Properties");
        assertThat(event.get("Events")).isEqualTo("s3:ObjectCreated:*");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules =
                (List<Map<String, Object>>) map(event, "Filter", "S3Key").get("Rules");
        assertThat(rules).containsExactly(Map.of("Name", "prefix", "Value", Map.of("Ref", "InputPrefix")));
        String input = (String) parameterDefault("InputPrefix");
        for (String other : List.of("ReportPrefix", "CachePrefix", "FeedsPrefix")) {
            String prefix = (String) parameterDefault(other);
            assertThat(prefix).as(other).doesNotStartWith(input);
            assertThat(input).as(other).doesNotStartWith(prefix);
        }
    }

    @Test
    void theFunctionMayOnlyTouchItsOwnBucketAndPrefixes() {
        String bucketArn = "arn:${AWS::Partition}:s3:::" + BUCKET_NAME;
        List<String> s3Resources = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (Object policy :
                (List<?>) map(resource("ScanFunction"), "Properties").get("Policies")) {
            collectStatements(policy, s3Resources, actions);
        }
        assertThat(actions).doesNotContain("s3:*", "*", "s3:PutBucketPolicy", "secretsmanager:*", "sns:*", "events:*");
        assertThat(s3Resources)
                .isNotEmpty()
                .allSatisfy(resource -> assertThat(resource).startsWith(bucketArn));
        assertThat(deletableS3Resources())
                .as("the function deletes nothing but its answered lookup queue entries")
                .containsExactly(bucketArn + "/${CachePrefix}_pending/*");
        assertThat(s3Resources)
                .contains(
                        bucketArn + "/${InputPrefix}*",
                        bucketArn + "/${ReportPrefix}*",
                        bucketArn + "/${CachePrefix}*",
                        bucketArn + "/${FeedsPrefix}*",
                        bucketArn);
        assertThat(s3Resources).doesNotContain(bucketArn + "/*");
    }

    @Test
    void alertsMayOnlyGoToTheOneBusOrTopicTheStackNames() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatementMaps(map(resource("ScanFunction"), "Properties").get("Policies"), statements);
        Map<String, Object> events = statements.stream()
                .filter(s -> "events:PutEvents".equals(s.get("Action")))
                .findFirst()
                .orElseThrow();
        assertThat(events.get("Resource"))
                .isEqualTo(
                        Map.of(
                                "Fn::Sub",
                                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${AlertEventBusName}"));
        Map<String, Object> sns = statements.stream()
                .filter(s -> "sns:Publish".equals(s.get("Action")))
                .findFirst()
                .orElseThrow();
        assertThat(sns.get("Resource")).isEqualTo(Map.of("Ref", "AlertTopic"));
        assertThat(map(resource("AlertTopic"), "Properties").get("KmsMasterKeyId"))
                .isEqualTo("alias/aws/sns");
        assertThat(parameterDefault("AlertTarget")).isEqualTo("none");
    }

    /** The bucket's one lifecycle rule with this id. */
    private static Map<?, ?> lifecycleRule(String id) {
        List<?> rules = (List<?>) map(resource("LogBucket"), "Properties", "LifecycleConfiguration")
                .get("Rules");
        List<Map<?, ?>> matching = rules.stream()
                .filter(rule -> rule instanceof Map<?, ?> m && id.equals(m.get("Id")))
                .<Map<?, ?>>map(rule -> (Map<?, ?>) rule)
                .toList();
        assertThat(matching).as("lifecycle rules with the id " + id).hasSize(1);
        return matching.get(0);
    }

    private static List<String> deletableS3Resources() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatementMaps(map(resource("ScanFunction"), "Properties").get("Policies"), statements);
        return statements.stream()
                .filter(s -> s.get("Action") instanceof List<?> l
                        ? l.contains("s3:DeleteObject")
                        : "s3:DeleteObject".equals(s.get("Action")))
                .map(s -> subText(s.get("Resource")))
                .toList();
    }

    /** The text of a !Sub in either form; the list form must define StackSuffix as the stack id's last group. */
    private static String subText(Object node) {
        Object sub = node instanceof Map<?, ?> map ? map.get("Fn::Sub") : null;
        if (sub instanceof String text) {
            return text;
        }
        if (sub instanceof List<?> list && list.get(0) instanceof String text) {
            assertThat(list.get(1)).as("the variables of " + text).isEqualTo(Map.of("StackSuffix", STACK_SUFFIX));
            return text;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void collectStatementMaps(Object node, List<Map<String, Object>> statements) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("Statement") instanceof List<?> list) {
                list.forEach(statement -> statements.add((Map<String, Object>) statement));
            }
            map.values().forEach(v -> collectStatementMaps(v, statements));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStatementMaps(v, statements));
        }
    }

    /** The one statement on another bucket: Security Lake's, when the function writes to it with its own role. */
    private static final String SECURITY_LAKE_STATEMENT = "WriteToSecurityLakeDirectly";

    @SuppressWarnings("unchecked")
    private static void collectStatements(Object node, List<String> s3Resources, List<String> actions) {
        if (node instanceof Map<?, ?> map) {
            Object statements = map.get("Statement");
            if (statements instanceof List<?> list) {
                for (Object statement : list) {
                    Map<String, Object> s = (Map<String, Object>) statement;
                    if (SECURITY_LAKE_STATEMENT.equals(s.get("Sid"))) {
                        continue;
                    }
                    Object action = s.get("Action");
                    (action instanceof List<?> l ? (List<Object>) l : List.of(action))
                            .forEach(a -> actions.add(String.valueOf(a)));
                    Object resources = s.get("Resource");
                    for (Object r : resources instanceof List<?> l ? (List<Object>) l : List.of(resources)) {
                        String arn = subText(r);
                        if (arn != null && arn.contains(":s3:::")) {
                            s3Resources.add(arn);
                        }
                    }
                }
            }
            map.values().forEach(v -> collectStatements(v, s3Resources, actions));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStatements(v, s3Resources, actions));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFindingsTableHasTheFindingSchemasColumnsAndProjectsItsDays() throws IOException {
        Map<String, Object> table = map(resource("FindingsTable"), "Properties", "TableInput");
        JsonNode schema = new ObjectMapper()
                .readTree(Path.of("src/main/resources/schema/finding-v1.schema.json")
                        .toFile());
        Map<String, String> expected = new LinkedHashMap<>();
        schema.get("properties")
                .fields()
                .forEachRemaining(field -> expected.put(field.getKey(), glueType(field.getValue())));
        Map<String, String> columns = new LinkedHashMap<>();
        for (Object column : (List<?>) map(table, "StorageDescriptor").get("Columns")) {
            Map<?, ?> c = (Map<?, ?>) column;
            columns.put(String.valueOf(c.get("Name")), String.valueOf(c.get("Type")));
        }
        assertThat(columns).containsExactlyEntriesOf(expected);
        assertThat(map(table, "StorageDescriptor", "SerdeInfo").get("SerializationLibrary"))
                .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        Map<String, Object> parameters = map(table, "Parameters");
        assertThat(parameters)
                .containsEntry("projection.enabled", "true")
                .containsEntry("projection.dt.type", "date")
                .containsEntry("projection.dt.format", "yyyy-MM-dd")
                .containsEntry("projection.dt.interval.unit", "DAYS");
        assertThat(String.valueOf(parameters.get("projection.dt.range"))).endsWith(",NOW");
        assertThat(String.valueOf(parameters.get("storage.location.template"))).contains("${FindingsPrefix}dt=${!dt}/");
        assertThat((List<Object>) table.get("PartitionKeys")).containsExactly(Map.of("Name", "dt", "Type", "string"));
    }

    /** The Hive type Athena reads a finding field as. */
    private static String glueType(JsonNode property) {
        if (property.has("enum")) {
            return property.get("enum").get(0).isInt() ? "int" : "string";
        }
        return switch (property.get("type").asText()) {
            case "string" -> "string";
            case "integer" -> "bigint";
            case "array" -> "array<" + glueType(property.get("items")) + ">";
            case "object" -> {
                if (property.has("properties")) {
                    List<String> fields = new ArrayList<>();
                    property.get("properties")
                            .fields()
                            .forEachRemaining(f -> fields.add(f.getKey() + ":" + glueType(f.getValue())));
                    yield "struct<" + String.join(",", fields) + ">";
                }
                yield "map<string," + glueType(property.get("additionalProperties")) + ">";
            }
            default -> throw new IllegalArgumentException("no Hive type for " + property);
        };
    }

    @Test
    void athenaWritesEncryptedResultsThatExpireAndEnforcesItsSettings() {
        Map<String, Object> configuration = map(resource("AthenaWorkGroup"), "Properties", "WorkGroupConfiguration");
        assertThat(configuration).containsEntry("EnforceWorkGroupConfiguration", true);
        assertThat(map(configuration, "ResultConfiguration", "EncryptionConfiguration"))
                .containsEntry("EncryptionOption", "SSE_S3");
        assertThat(String.valueOf(map(configuration, "ResultConfiguration").get("OutputLocation")))
                .contains("/athena-results/");
        assertThat(lifecycleRule("expire-athena-results").get("Prefix")).isEqualTo("athena-results/");
    }

    @Test
    void everySavedQueryParsesAsAthenaEngine3SqlAndReadsTheFindingsTableByDay() {
        SqlParser parser = new SqlParser();
        Map<String, String> queries = new TreeMap<>();
        map(template, "Resources").forEach((name, resource) -> {
            Map<?, ?> r = (Map<?, ?>) resource;
            if ("AWS::Athena::NamedQuery".equals(r.get("Type"))) {
                queries.put(name, String.valueOf(((Map<?, ?>) r.get("Properties")).get("QueryString")));
            }
        });
        assertThat(queries)
                .containsOnlyKeys(
                        "MaliciousIpsLastWeekQuery", "TopAsnsQuery", "UnflaggedAttackersQuery", "CoveragePerDayQuery");
        queries.forEach((name, sql) -> {
            // Trino, and so Athena engine 3, reads 100.0 as a DECIMAL literal.
            Statement statement = parser.createStatement(
                    sql.strip(), new ParsingOptions(ParsingOptions.DecimalLiteralTreatment.AS_DECIMAL));
            assertThat(statement).as(name).isInstanceOf(Query.class);
            assertThat(sql).as(name).contains("FROM findings").containsPattern("dt >= date_format\\(current_date");
        });
    }

    @Test
    void theFunctionAloneWritesFindingsAndTheBlocklistAndFindingsExpire() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatementMaps(map(resource("ScanFunction"), "Properties").get("Policies"), statements);
        assertThat(statements)
                .filteredOn(statement -> "WriteReportsAndCache".equals(statement.get("Sid")))
                .singleElement()
                .satisfies(statement -> assertThat(String.valueOf(statement.get("Resource")))
                        .contains("${FindingsPrefix}*", "/blocklists/*"));
        assertThat(statements)
                .filteredOn(statement -> "ListOwnPrefixes".equals(statement.get("Sid")))
                .singleElement()
                .satisfies(statement ->
                        assertThat(String.valueOf(statement.get("Condition"))).contains("${FindingsPrefix}*"));
        Map<String, Object> variables = map(resource("ScanFunction"), "Properties", "Environment", "Variables");
        assertThat(variables).containsEntry("LOGVERDICT_FINDINGS_PREFIX", Map.of("Ref", "FindingsPrefix"));
        String bucketPolicy = String.valueOf(map(resource("LogBucketPolicy"), "Properties"));
        assertThat(bucketPolicy)
                .contains("OnlyTheFunctionWritesItsPrefixes")
                .contains("${FindingsPrefix}*")
                .contains("/blocklists/*");
        assertThat(lifecycleRule("expire-findings").get("Prefix")).isEqualTo(Map.of("Ref", "FindingsPrefix"));
    }

    @Test
    void securityLakeIsWrittenOnlyUnderTheCustomSourcesLocationOrAsItsRole() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatementMaps(map(resource("ScanFunction"), "Properties").get("Policies"), statements);
        assertThat(statements)
                .filteredOn(statement -> SECURITY_LAKE_STATEMENT.equals(statement.get("Sid")))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.get("Action")).isEqualTo(List.of("s3:PutObject", "s3:AbortMultipartUpload"));
                    assertThat(statement.get("Resource"))
                            .isEqualTo(
                                    Map.of(
                                            "Fn::Sub",
                                            List.of(
                                                    "arn:${AWS::Partition}:s3:::${BucketAndPrefix}*",
                                                    Map.of(
                                                            "BucketAndPrefix",
                                                            Map.of(
                                                                    "Fn::Select",
                                                                    List.of(
                                                                            1,
                                                                            Map.of(
                                                                                    "Fn::Split",
                                                                                    List.of(
                                                                                            "s3://",
                                                                                            Map.of(
                                                                                                    "Ref",
                                                                                                    "SecurityLakeLocation")))))))));
                });
        assertThat(statements)
                .filteredOn(statement -> String.valueOf(statement.get("Action")).contains("sts:"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.get("Action")).isEqualTo("sts:AssumeRole");
                    assertThat(statement.get("Resource")).isEqualTo(Map.of("Ref", "SecurityLakeRoleArn"));
                });
        // Each statement only when its parameters ask for it: the location without a role, or the role.
        String policies =
                String.valueOf(map(resource("ScanFunction"), "Properties").get("Policies"));
        assertThat(policies).contains("Fn::If=[WritesSecurityLakeWithOwnRole", "Fn::If=[AssumesSecurityLakeRole");
        assertThat(parameterDefault("SecurityLakeLocation")).isEqualTo("");
        assertThat(parameterDefault("OcsfFindings")).isEqualTo("false");
        Map<String, Object> variables = map(resource("ScanFunction"), "Properties", "Environment", "Variables");
        assertThat(variables)
                .containsEntry("LOGVERDICT_OUTPUTS_OCSF", Map.of("Ref", "OcsfFindings"))
                .containsEntry("LOGVERDICT_OCSF_PREFIX", "ocsf/")
                .containsKeys(
                        "LOGVERDICT_OCSF_SECURITY_LAKE_LOCATION",
                        "LOGVERDICT_OCSF_SECURITY_LAKE_ROLE_ARN",
                        "LOGVERDICT_OCSF_SECURITY_LAKE_EXTERNAL_ID",
                        "LOGVERDICT_OCSF_SECURITY_LAKE_ACCOUNT_ID");
        assertThat(String.valueOf(map(resource("LogBucketPolicy"), "Properties")))
                .contains("/ocsf/*");
        assertThat(lifecycleRule("expire-ocsf-findings").get("Prefix")).isEqualTo("ocsf/");
    }

    @Test
    void theBlocklistMayOnlyReadAndUpdateTheIpSetsItIsGiven() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatementMaps(map(resource("ScanFunction"), "Properties").get("Policies"), statements);
        List<Map<String, Object>> waf = statements.stream()
                .filter(statement -> String.valueOf(statement.get("Action")).contains("wafv2:"))
                .toList();
        assertThat(waf).singleElement().satisfies(statement -> {
            assertThat(statement.get("Sid")).isEqualTo("KeepTheBlocklistIpSets");
            assertThat(statement.get("Action")).isEqualTo(List.of("wafv2:GetIPSet", "wafv2:UpdateIPSet"));
            assertThat(String.valueOf(statement.get("Resource")))
                    .contains("BlocklistWafIpSetV4Arn", "BlocklistWafIpSetV6Arn")
                    .doesNotContain("*");
        });
        assertThat(parameterDefault("BlocklistWafIpSetV4Arn")).isEqualTo("");
        assertThat(parameterDefault("BlocklistWafIpSetV6Arn")).isEqualTo("");
        Map<String, Object> variables = map(resource("ScanFunction"), "Properties", "Environment", "Variables");
        assertThat(variables)
                .containsKeys(
                        "LOGVERDICT_BLOCKLIST_WAF_IPV4_IP_SET",
                        "LOGVERDICT_BLOCKLIST_WAF_IPV6_IP_SET",
                        "LOGVERDICT_BLOCKLIST_WAF_REGION");
    }

    @Test
    void theJvmVariantRunsC1WithTheSerialCollectorAndATightHeap() {
        Map<String, Object> variables = map(resource("ScanFunction"), "Properties", "Environment", "Variables");
        List<?> choice = (List<?>) map(variables, "JAVA_TOOL_OPTIONS").get("Fn::If");
        assertThat(choice.get(0)).isEqualTo("IsJvm");
        // C1 only, as Lambda's default: TLS's AES-GCM runs in native code (NativeAesGcm), so C2's
        // intrinsics are not needed, and its compiler threads would cost CPU and memory.
        assertThat(List.of(String.valueOf(choice.get(1)).split(" ")))
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .doesNotContain("-XX:TieredStopAtLevel=4");
        // The committed heap stays near the live one: what Lambda counts is the resident memory.
        assertThat(List.of(String.valueOf(choice.get(1)).split(" ")))
                .contains("-Xmn24m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20");
    }

    @Test
    void noSecretTravelsInPlainText() throws IOException {
        String text = Files.readString(Path.of("template.yaml"));
        assertThat(text).doesNotContainPattern("(?i)api[-_]?key\\s*:\\s*\\S+").doesNotContain("{{resolve:");
        Map<String, Object> variables = map(resource("ScanFunction"), "Properties", "Environment", "Variables");
        assertThat(variables).doesNotContainKeys("LOGVERDICT_VIRUSTOTAL_API_KEY", "LOGVERDICT_ABUSEIPDB_API_KEY");
        assertThat(variables)
                .containsKeys("LOGVERDICT_VIRUSTOTAL_API_KEY_SECRET", "LOGVERDICT_ABUSEIPDB_API_KEY_SECRET");
        assertThat(parameterDefault("VirusTotalApiKeySecretArn")).isEqualTo("");
        assertThat(parameterDefault("AbuseIpDbApiKeySecretArn")).isEqualTo("");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy :
                (List<?>) map(resource("ScanFunction"), "Properties").get("Policies")) {
            collectStatementMaps(policy, statements);
        }
        assertThat(statements.stream()
                        .filter(statement -> "secretsmanager:GetSecretValue".equals(statement.get("Action")))
                        .map(statement -> String.valueOf(statement.get("Resource")))
                        .toList())
                .as("each provider's key secret, and nothing else")
                .hasSize(2)
                .allSatisfy(resource -> assertThat(resource).matches(".*(VirusTotal|AbuseIpDb)ApiKeySecretArn.*"));
    }

    @Test
    void theBucketIsPrivateEncryptedTlsOnlyAndForgetsPersonalData() {
        Map<String, Object> bucket = map(resource("LogBucket"), "Properties");
        assertThat(map(bucket, "PublicAccessBlockConfiguration"))
                .containsEntry("BlockPublicAcls", true)
                .containsEntry("BlockPublicPolicy", true)
                .containsEntry("IgnorePublicAcls", true)
                .containsEntry("RestrictPublicBuckets", true);
        assertThat(bucket).containsKey("BucketEncryption");
        assertThat(map(resource("LogBucketPolicy"), "Properties", "PolicyDocument")
                        .toString())
                .contains("aws:SecureTransport");
        assertThat(map(bucket, "LifecycleConfiguration").toString())
                .contains("ReportRetentionDays")
                .contains("CacheRetentionDays");
    }

    @Test
    void aFailedScanIsNeverSilentlyLost() {
        Map<String, Object> invoke = map(resource("ScanFunction"), "Properties", "EventInvokeConfig");
        assertThat(invoke).containsKey("MaximumRetryAttempts");
        assertThat(map(invoke, "DestinationConfig", "OnFailure")).containsEntry("Type", "SQS");
    }

    @Test
    void aFirstDeployOnANewAccountReservesNoConcurrencyAndCanBeRetried() {
        assertThat(parameterDefault("ReservedConcurrency"))
                .as("a low account quota refuses any reservation")
                .isEqualTo(0);
        assertThat(map(resource("ScanFunction"), "Properties").get("ReservedConcurrentExecutions"))
                .isEqualTo(Map.of(
                        "Fn::If",
                        List.of(
                                "HasReservedConcurrency",
                                Map.of("Ref", "ReservedConcurrency"),
                                Map.of("Ref", "AWS::NoValue"))));
        assertThat(resource("LogBucket"))
                .as("a failed first create removes the bucket; a stack deletion keeps the data")
                .containsEntry("DeletionPolicy", "RetainExceptOnCreate")
                .containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    void twoStacksInOneAccountAndRegionNeverCollideOnNames() {
        assertThat(subText(map(resource("LogBucket"), "Properties").get("BucketName")))
                .isEqualTo(BUCKET_NAME);
        String prefixPattern =
                (String) map(template, "Parameters", "BucketNamePrefix").get("AllowedPattern");
        int longestPrefix = Integer.parseInt(prefixPattern.replaceAll(".*\\{1,(\\d+)}$", "$1")) + 1;
        int longestRegion = "ap-southeast-7".length();
        assertThat(longestPrefix + 1 + 12 + 1 + longestRegion + 1 + 12)
                .as("S3 bucket names hold 63 characters")
                .isLessThanOrEqualTo(63);
        Map<String, Object> resources = map(template, "Resources");
        List<String> named = new ArrayList<>();
        resources.forEach((name, body) -> {
            Map<String, Object> properties = map(body, "Properties");
            for (String nameKey : List.of("FunctionName", "TopicName", "LogGroupName", "AlarmName", "QueueName")) {
                if (properties != null && properties.containsKey(nameKey)) {
                    named.add(name);
                    assertThat(subText(properties.get(nameKey)))
                            .as(name + "." + nameKey)
                            .contains("${AWS::StackName}");
                }
            }
        });
        assertThat(named).contains("ScanFunction", "ScanFunctionLogGroup", "AlarmTopic", "FailedScansAlarm");
    }

    @Test
    void sameBuildsTheFunctionWithMavenForTheChosenArchitecture() throws IOException {
        Map<String, Object> function = resource("ScanFunction");
        assertThat(map(function, "Metadata")).containsEntry("BuildMethod", "makefile");
        assertThat(map(function, "Properties")).containsEntry("CodeUri", ".");
        assertThat(Files.readString(Path.of("Makefile")))
                .contains("build-ScanFunction:")
                .contains("./mvnw")
                .contains("$(ARTIFACTS_DIR)");
        assertThat(map(function, "Properties").get("Architectures")).isEqualTo(List.of(Map.of("Ref", "Architecture")));
        assertThat(map(template, "Parameters", "Architecture").get("AllowedValues"))
                .isEqualTo(List.of("x86_64", "arm64"));
    }

    @Test
    void theNativeVariantDisablesSignalHandlersAsQuarkusGeneratesIt() {
        Map<String, Object> variables = map(resource("ScanFunction"), "Properties", "Environment", "Variables");
        assertThat(variables.get("DISABLE_SIGNAL_HANDLERS"))
                .isEqualTo(Map.of("Fn::If", List.of("IsNative", "true", Map.of("Ref", "AWS::NoValue"))));
        assertThat(map(template, "Conditions").get("IsNative"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Variant"), "native")));
    }

    @Test
    void alarmsWatchFailedScansErrorsThrottlesAndEventAgeAndReachTheAlarmTopic() {
        Map<String, String> watched = new TreeMap<>();
        map(template, "Resources").forEach((name, body) -> {
            if ("AWS::CloudWatch::Alarm".equals(((Map<?, ?>) body).get("Type"))) {
                Map<String, Object> alarm = map(body, "Properties");
                watched.put((String) alarm.get("MetricName"), (String) alarm.get("Namespace"));
                assertThat(alarm.get("AlarmActions")).as(name).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
                assertThat(alarm.get("TreatMissingData")).as(name).isEqualTo("notBreaching");
            }
        });
        assertThat(watched)
                .containsEntry("ApproximateNumberOfMessagesVisible", "AWS/SQS")
                .containsEntry("Errors", "AWS/Lambda")
                .containsEntry("Throttles", "AWS/Lambda")
                .containsEntry("AsyncEventAge", "AWS/Lambda");
        assertThat(parameterDefault("AlarmEmail")).isEqualTo("");
        Map<String, Object> subscription = resource("AlarmEmailSubscription");
        assertThat(subscription.get("Condition")).isEqualTo("HasAlarmEmail");
        assertThat(map(subscription, "Properties"))
                .containsEntry("Protocol", "email")
                .containsEntry("Endpoint", Map.of("Ref", "AlarmEmail"));
    }

    @Test
    void theScheduleSendsTheCommittedDrainEventToTheStacksBucketEveryMinute() throws IOException {
        Map<String, Object> schedule =
                map(resource("ScanFunction"), "Properties", "Events", "ScheduledLookups", "Properties");
        assertThat(schedule.get("Schedule")).isEqualTo("rate(1 minute)");
        String input = subText(schedule.get("Input"));
        String committed = Files.readString(Path.of("events/scheduled.json"));
        ObjectMapper json = new ObjectMapper();
        JsonNode sent = json.readTree(
                input.replace("${BucketNamePrefix}-${AWS::AccountId}-${AWS::Region}-${StackSuffix}", "soc-logs")
                        .replace("${ReportPrefix}", "reports/"));
        JsonNode file = json.readTree(committed);
        assertThat(sent.at("/Records/0/eventName")).isEqualTo(file.at("/Records/0/eventName"));
        assertThat(sent.at("/Records/0/eventSource")).isEqualTo(file.at("/Records/0/eventSource"));
        assertThat(sent.at("/Records/0/s3/bucket/name")).isEqualTo(file.at("/Records/0/s3/bucket/name"));
        assertThat(file.at("/Records/0/eventName").asText()).isEqualTo("logverdict:Drain");
    }

    @Test
    void inputLogsAndTheirOldVersionsExpireOnlyWhenAskedTo() {
        assertThat(parameterDefault("InputRetentionDays"))
                .as("logs are the user's: kept unless asked")
                .isEqualTo(0);
        assertThat(parameterDefault("InputOldVersionDays")).isEqualTo(0);
        @SuppressWarnings("unchecked")
        List<Object> rules = (List<Object>) map(resource("LogBucket"), "Properties", "LifecycleConfiguration")
                .get("Rules");
        Map<String, Object> expiry = rules.stream()
                .filter(rule -> rule.toString().contains("expire-input-logs"))
                .map(rule -> map(rule))
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        List<Object> branches = (List<Object>) expiry.get("Fn::If");
        assertThat(branches.get(0)).isEqualTo("ExpireInputs");
        assertThat(map(branches.get(1)))
                .containsEntry("Prefix", Map.of("Ref", "InputPrefix"))
                .containsEntry("ExpirationInDays", Map.of("Ref", "InputRetentionDays"));
        Map<String, Object> oldVersions = rules.stream()
                .filter(rule -> rule.toString().contains("expire-old-input-versions"))
                .map(rule -> map(rule))
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        List<Object> versionBranches = (List<Object>) oldVersions.get("Fn::If");
        assertThat(versionBranches.get(0)).isEqualTo("ExpireOldInputVersions");
        assertThat(map(versionBranches.get(1), "NoncurrentVersionExpiration"))
                .containsEntry("NoncurrentDays", Map.of("Ref", "InputOldVersionDays"));
    }

    @Test
    void thePrefixesAreTopLevelFoldersThatTheRulesKeepApart() {
        List<String> prefixes = List.of("InputPrefix", "ReportPrefix", "CachePrefix", "FeedsPrefix");
        for (String name : List.of("InputPrefix", "ReportPrefix", "CachePrefix", "FeedsPrefix", "FindingsPrefix")) {
            Pattern pattern =
                    Pattern.compile((String) map(template, "Parameters", name).get("AllowedPattern"));
            assertThat(pattern.matcher((String) parameterDefault(name)).matches())
                    .as(name)
                    .isTrue();
            assertThat(pattern.matcher("logs/").matches()).isTrue();
            for (String refused : List.of("logs/alb/", "logs", "/logs/", "*/", "cache/virustotal/", "")) {
                assertThat(pattern.matcher(refused).matches())
                        .as("%s refuses '%s'", name, refused)
                        .isFalse();
            }
        }
        // One folder each: two overlap (one starts with the other) exactly when they are equal.
        List<String> folders = List.of("logs/", "logs2/", "log/", "l/", "cache/", "cache.old/", "reports/");
        for (String a : folders) {
            for (String b : folders) {
                assertThat(a.startsWith(b) || b.startsWith(a))
                        .as("%s, %s", a, b)
                        .isEqualTo(a.equals(b));
            }
        }
        String assertions =
                map(template, "Rules", "PrefixesApart").get("Assertions").toString();
        for (int a = 0; a < prefixes.size(); a++) {
            for (int b = a + 1; b < prefixes.size(); b++) {
                assertThat(assertions)
                        .contains("{Fn::Not=[{Fn::Equals=[{Ref=" + prefixes.get(a) + "}, {Ref=" + prefixes.get(b)
                                + "}]}]}");
            }
        }
        // The findings prefix, and the fixed folders of the blocklist and of Athena's results, against all.
        String others = "[{Ref=InputPrefix}, {Ref=ReportPrefix}, {Ref=CachePrefix}, {Ref=FeedsPrefix}";
        assertThat(assertions)
                .contains("{Fn::Contains=" + "[" + others + ", athena-results/, blocklists/], {Ref=FindingsPrefix}]}")
                .contains("{Fn::Contains=" + "[" + others + "], blocklists/]}")
                .contains("{Fn::Contains=" + "[" + others + "], athena-results/]}");
    }

    @Test
    void onlyTheFunctionWritesWhatItOwnsAndOnlyNamedPrincipalsWriteFeedsAndLogs() {
        List<Map<String, Object>> statements = new ArrayList<>();
        collectStatementMaps(map(resource("LogBucketPolicy"), "Properties", "PolicyDocument"), statements);
        Map<String, Object> owned = statement(statements, "OnlyTheFunctionWritesItsPrefixes");
        assertThat(owned).containsEntry("Effect", "Deny").containsEntry("Principal", "*");
        assertThat(owned.get("Action").toString())
                .contains("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion");
        assertThat(owned.get("Resource").toString()).contains("${ReportPrefix}*", "${CachePrefix}*");
        assertThat(owned.get("Condition"))
                .isEqualTo(Map.of(
                        "ArnNotEquals", Map.of("aws:PrincipalArn", Map.of("Fn::GetAtt", "ScanFunctionRole.Arn"))));

        Map<String, Object> feeds = statement(statements, "OnlyFeedEditorsWriteFeeds");
        assertThat(feeds).containsEntry("Effect", "Deny");
        assertThat(feeds.get("Resource").toString()).contains("${FeedsPrefix}*");
        assertThat(feeds.get("Condition"))
                .isEqualTo(Map.of(
                        "Fn::If",
                        List.of(
                                "HasFeedEditors",
                                Map.of("ArnNotLike", Map.of("aws:PrincipalArn", Map.of("Ref", "FeedEditorArns"))),
                                Map.of("Ref", "AWS::NoValue"))));

        Map<String, Object> logs = statement(statements, "OnlyNamedUploadersWriteLogs");
        assertThat(logs.get("Resource").toString()).contains("${InputPrefix}*");
        assertThat(map(logs, "Condition", "ArnNotLike"))
                .containsEntry("aws:PrincipalArn", Map.of("Ref", "LogUploaderArns"));
        assertThat(map(logs, "Condition", "Null")).containsEntry("aws:PrincipalServiceName", "true");
        assertThat(map(template, "Conditions").get("HasLogUploaders").toString())
                .contains("LogUploaderArns");
        assertThat(parameterDefault("LogUploaderArns"))
                .as("a first deploy works with any uploader")
                .isEqualTo("");

        // The function itself writes neither the input prefix nor the feeds: its own policy agrees.
        String bucketArn = "arn:${AWS::Partition}:s3:::" + BUCKET_NAME;
        List<Map<String, Object>> functionStatements = new ArrayList<>();
        for (Object policy :
                (List<?>) map(resource("ScanFunction"), "Properties").get("Policies")) {
            collectStatementMaps(policy, functionStatements);
        }
        for (Map<String, Object> statement : functionStatements) {
            if (String.valueOf(statement.get("Action")).contains("s3:PutObject")) {
                assertThat(String.valueOf(statement.get("Resource")))
                        .doesNotContain(bucketArn + "/${InputPrefix}*", bucketArn + "/${FeedsPrefix}*");
            }
        }
    }

    /** The statement with this Sid, also as a branch of a conditional ({@code !If}) statement. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Map<String, Object> statement : statements) {
            candidates.add(statement);
            if (statement.get("Fn::If") instanceof List<?> branches) {
                branches.stream()
                        .filter(Map.class::isInstance)
                        .forEach(branch -> candidates.add((Map<String, Object>) branch));
            }
        }
        return candidates.stream()
                .filter(statement -> sid.equals(statement.get("Sid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }
}
