package dev.logverdict.lambda;

import dev.logverdict.intel.virustotal.ErrorResponse;
import dev.logverdict.intel.virustotal.IpAddressResponse;
import dev.logverdict.report.Report;
import dev.logverdict.scan.ScanOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes by reflection, registered for the native image. The pure packages cannot
 * carry Quarkus annotations, so they are listed here; ArchitectureTest fails when one is missing.
 */
@RegisterForReflection(
        targets = {
            Report.class,
            Report.Source.class,
            Report.Intel.class,
            Report.Policy.class,
            Report.Summary.class,
            Report.IpEntry.class,
            Report.Lookup.class,
            Report.VirusTotal.class,
            Report.Aggregated.class,
            Report.NonIpClient.class,
            Report.MalformedLine.class,
            Report.Proxy.class,
            Report.ProxyHop.class,
            Report.IpElsewhere.class,
            Report.Activity.class,
            Report.Counted.class,
            Report.Hourly.class,
            Report.FeedSource.class,
            Report.ProviderRun.class,
            Report.AbuseIpDb.class,
            Report.ProviderAnswer.class,
            dev.logverdict.intel.AbuseReport.class,
            dev.logverdict.intel.abuseipdb.CheckResponse.class,
            dev.logverdict.intel.abuseipdb.CheckResponse.Data.class,
            Report.PublicSourceState.class,
            Report.NetworkActivity.class,
            Report.Infrastructure.class,
            Report.Network.class,
            Report.Cache.class,
            Report.Budget.class,
            dev.logverdict.intel.stored.StoredVerdictCache.Entry.class,
            dev.logverdict.intel.stored.StoredQuotaLedger.Day.class,
            dev.logverdict.intel.Reputation.class,
            IpAddressResponse.class,
            IpAddressResponse.Data.class,
            IpAddressResponse.Attributes.class,
            IpAddressResponse.AnalysisStats.class,
            ErrorResponse.class,
            dev.logverdict.intel.keys.ParametersSecretsExtensionApi.SecretValue.class,
            dev.logverdict.intel.keys.ParametersSecretsExtensionApi.ParameterValue.class,
            dev.logverdict.intel.keys.ParametersSecretsExtensionApi.Parameter.class,
            ErrorResponse.Error.class,
            InvocationSummary.class,
            InvocationSummary.Ignored.class,
            dev.logverdict.scan.DrainService.DrainOutcome.class,
            dev.logverdict.intel.queue.PendingLookups.class,
            dev.logverdict.intel.queue.PendingLookups.Source.class,
            dev.logverdict.intel.queue.PendingLookups.Report.class,
            dev.logverdict.intel.queue.PendingLookups.Ip.class,
            dev.logverdict.intel.sources.SourceRefresh.State.class,
            ScanOutcome.class,
            dev.logverdict.scan.AlertOutcome.class,
            Report.Output.class,
            dev.logverdict.alert.ScanAlert.class,
            dev.logverdict.alert.ScanAlert.Source.class,
            dev.logverdict.alert.ScanAlert.Location.class,
            dev.logverdict.alert.ScanAlert.Counts.class,
            dev.logverdict.alert.ScanAlert.Offender.class,
            dev.logverdict.report.export.StixBundle.class,
            dev.logverdict.report.export.StixBundle.Identity.class,
            dev.logverdict.report.export.StixBundle.Indicator.class,
            dev.logverdict.report.export.StixBundle.ExternalReference.class,
            // read by the HTML template's reflection value resolver
            dev.logverdict.report.view.ReportView.class,
            dev.logverdict.report.view.ReportView.Card.class,
            dev.logverdict.report.view.ReportView.Coverage.class,
            dev.logverdict.report.view.ReportView.Row.class,
            dev.logverdict.report.view.ReportView.Chart.class,
            dev.logverdict.report.view.ReportView.NotChecked.class,
            dev.logverdict.report.view.ReportView.Malformed.class,
        })
public final class NativeReflection {

    private NativeReflection() {}
}
