package dev.logverdict.lambda;

import dev.logverdict.alert.ScanAlert;
import dev.logverdict.blocklist.IpSetSync;
import dev.logverdict.blocklist.RollingBlocklist;
import dev.logverdict.intel.AbuseReport;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.abuseipdb.CheckResponse;
import dev.logverdict.intel.keys.ParametersSecretsExtensionApi;
import dev.logverdict.intel.queue.PendingLookups;
import dev.logverdict.intel.sources.SourceRefresh;
import dev.logverdict.intel.stored.StoredQuotaLedger;
import dev.logverdict.intel.stored.StoredVerdictCache;
import dev.logverdict.intel.virustotal.ErrorResponse;
import dev.logverdict.intel.virustotal.IpAddressResponse;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.export.Finding;
import dev.logverdict.report.export.StixBundle;
import dev.logverdict.report.ocsf.DetectionFinding;
import dev.logverdict.report.view.ReportView;
import dev.logverdict.scan.AlertOutcome;
import dev.logverdict.scan.BlocklistUpdate;
import dev.logverdict.scan.DrainService;
import dev.logverdict.scan.ScanOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads or writes by reflection, registered for the native image. The pure packages cannot
 * carry Quarkus annotations, so they are listed here; ArchitectureTest fails when one is missing.
 */
@RegisterForReflection(
        targets = {
            Report.class,
            ReportWriter.OutputsLast.class,
            ReportWriter.AwaitedOutputs.class,
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
            AbuseReport.class,
            CheckResponse.class,
            CheckResponse.Data.class,
            Report.PublicSourceState.class,
            Report.NetworkActivity.class,
            Report.Infrastructure.class,
            Report.Network.class,
            Report.Cache.class,
            Report.Budget.class,
            StoredVerdictCache.Entry.class,
            StoredQuotaLedger.Day.class,
            Reputation.class,
            IpAddressResponse.class,
            IpAddressResponse.Data.class,
            IpAddressResponse.Attributes.class,
            IpAddressResponse.AnalysisStats.class,
            ErrorResponse.class,
            ParametersSecretsExtensionApi.SecretValue.class,
            ParametersSecretsExtensionApi.ParameterValue.class,
            ParametersSecretsExtensionApi.Parameter.class,
            ErrorResponse.Error.class,
            InvocationSummary.class,
            InvocationSummary.Ignored.class,
            DrainService.DrainOutcome.class,
            BlocklistUpdate.Outcome.class,
            BlocklistUpdate.State.class,
            BlocklistUpdate.Published.class,
            BlocklistUpdate.Family.class,
            RollingBlocklist.Listed.class,
            IpSetSync.Result.class,
            PendingLookups.class,
            PendingLookups.Source.class,
            PendingLookups.Report.class,
            PendingLookups.Ip.class,
            SourceRefresh.State.class,
            ScanOutcome.class,
            AlertOutcome.class,
            Report.Output.class,
            ScanAlert.class,
            ScanAlert.Source.class,
            ScanAlert.Location.class,
            ScanAlert.Counts.class,
            ScanAlert.Offender.class,
            Finding.class,
            Finding.ProviderAnswer.class,
            DetectionFinding.class,
            DetectionFinding.Metadata.class,
            DetectionFinding.Product.class,
            DetectionFinding.FindingInfo.class,
            DetectionFinding.Observable.class,
            DetectionFinding.Reputation.class,
            DetectionFinding.Evidence.class,
            DetectionFinding.NetworkEndpoint.class,
            DetectionFinding.AutonomousSystem.class,
            DetectionFinding.Location.class,
            StixBundle.class,
            StixBundle.Identity.class,
            StixBundle.Indicator.class,
            StixBundle.ExternalReference.class,
            // read by the HTML template's reflection value resolver
            ReportView.class,
            ReportView.Card.class,
            ReportView.Coverage.class,
            ReportView.Row.class,
            ReportView.Chart.class,
            ReportView.NotChecked.class,
            ReportView.Malformed.class,
            ReportView.NetworkRow.class,
            ReportView.SourceRow.class,
            ReportView.AggregatedRow.class,
        })
public final class NativeReflection {

    private NativeReflection() {}
}
