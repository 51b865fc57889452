package dev.logverdict.report.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A STIX 2.1 bundle of indicators (only the properties we fill; field names are the STIX ones). */
public record StixBundle(String type, String id, List<Object> objects) {

    /** The producer, referenced by every indicator's created_by_ref. */
    public record Identity(
            String type,
            @JsonProperty("spec_version") String specVersion,
            String id,
            String created,
            String modified,
            String name,
            @JsonProperty("identity_class") String identityClass) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Indicator(
            String type,
            @JsonProperty("spec_version") String specVersion,
            String id,
            @JsonProperty("created_by_ref") String createdByRef,
            String created,
            String modified,
            String name,
            String description,
            @JsonProperty("indicator_types") List<String> indicatorTypes,
            String pattern,
            @JsonProperty("pattern_type") String patternType,
            @JsonProperty("valid_from") String validFrom,
            @JsonProperty("valid_until") String validUntil,
            Integer confidence,
            List<String> labels,
            @JsonProperty("external_references") List<ExternalReference> externalReferences) {}

    public record ExternalReference(
            @JsonProperty("source_name") String sourceName, String url) {}
}
