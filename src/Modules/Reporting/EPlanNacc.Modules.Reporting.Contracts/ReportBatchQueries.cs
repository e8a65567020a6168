using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Contracts;

/// <summary>The bulk report batches still queued or running in the caller's scope, newest first: for the staff desk's
/// "batches running". A provincial office sees those of its province, an admin every one (the nation's too).</summary>
[Allow(Caller.Staff)]
public sealed record ListRunningReportBatchesQuery : IQuery<RunningReportBatches>;

/// <param name="Count">How many batches are queued or running in the caller's scope.</param>
/// <param name="Batches">The same batches, newest first.</param>
public sealed record RunningReportBatches(int Count, IReadOnlyList<RunningReportBatch> Batches);

/// <summary>One batch as the desk lists it.</summary>
/// <param name="Kind"><c>performance</c> | <c>status</c> | <c>evaluation</c> | <c>province</c>.</param>
/// <param name="KindNameTh">The report's Thai title.</param>
/// <param name="ProvinceCode">The province, or null for the whole country.</param>
/// <param name="ScopeNameTh">"จังหวัดสงขลา" or "ทั่วประเทศ".</param>
/// <param name="Status"><c>queued</c> | <c>running</c>.</param>
public sealed record RunningReportBatch(
    Guid Id, string Kind, string KindNameTh, int FiscalYear, int Round, string? ProvinceCode, string ScopeNameTh,
    string Status, int Total, int Done, int Failed, DateTimeOffset RequestedAt, string RequestedBy);
