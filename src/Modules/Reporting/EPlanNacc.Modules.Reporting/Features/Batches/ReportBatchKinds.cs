using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts.Scope;
using EPlanNacc.Modules.Reporting.Features.Reports;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Batches;

/// <summary>The reports a batch can print (the <c>kind</c> of docs/api.md): one file per LAO of the scope for the
/// three LAO reports, plus every province's roll-up; only the roll-ups for <see cref="Province"/>.</summary>
public static class ReportBatchKinds
{
    public const string Performance = "performance";
    public const string Status = "status";
    public const string Evaluation = "evaluation";
    public const string Province = "province";

    public static readonly IReadOnlyList<string> All = [Performance, Status, Evaluation, Province];

    public const string KindMessage = "ชนิดรายงาน (kind) ต้องเป็น performance, status, evaluation หรือ province";

    public static bool IsKind(string? kind) => kind is not null && All.Contains(kind);

    /// <summary>The report's Thai title.</summary>
    public static string NameTh(string kind) => kind switch
    {
        Performance => PerformanceReport.Title,
        Status => StatusReport.Title,
        Evaluation => EvaluationReport.Title,
        _ => ProvinceReport.Title,
    };

    /// <summary>Whether a batch of this kind prints one file per LAO (besides the roll-ups).</summary>
    public static bool PerLao(string kind) => kind != Province;

    /// <summary>The report one item prints: an LAO's report of the batch's kind, or (no LAO) the province's
    /// roll-up of the batch's round.</summary>
    internal static IReportQuery QueryFor(string kind, int fiscalYear, int round, string provinceCode,
        string? dlaCode) => dlaCode is null
        ? new GetProvinceReportQuery(provinceCode, fiscalYear, round)
        : kind switch
        {
            Performance => new GetPerformanceReportQuery(fiscalYear, round, dlaCode),
            Status => new GetStatusReportQuery(fiscalYear, dlaCode),
            _ => new GetEvaluationReportQuery(fiscalYear, dlaCode),
        };

    /// <summary>"ทั่วประเทศ" or "จังหวัดสงขลา".</summary>
    public static string ScopeNameTh(string? provinceNameTh) =>
        provinceNameTh is null ? Nation : $"จังหวัด{provinceNameTh}";

    public const string Nation = "ทั่วประเทศ";

    /// <summary>The zip's name when downloaded: <c>performance-2569-r6-90.zip</c>, <c>...-all.zip</c> for the
    /// nation.</summary>
    public static string ZipName(string kind, int fiscalYear, int round, string? provinceCode) =>
        $"{kind}-{fiscalYear}-r{round}-{provinceCode ?? "all"}.zip";

    /// <summary>A file's path inside the zip: the report's own file name, in a folder per province when the batch is
    /// the nation's.</summary>
    public static string EntryName(string? batchProvince, string itemProvince, string fileName) =>
        batchProvince is null ? $"{itemProvince}/{fileName}" : fileName;
}

public static class ReportBatchStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static bool IsFinished(string status) => status is Succeeded or Failed;

    public static string NameTh(string status) => status switch
    {
        Queued => "รอคิว",
        Running => "กำลังสร้างไฟล์",
        Succeeded => "เสร็จแล้ว",
        _ => "ไม่สำเร็จ",
    };
}

/// <summary>Whose batches a caller sees, from the one home of the caller's scope (docs/conventions.md 15): a
/// provincial office the batches of its province, an admin every batch, the nation's too.</summary>
internal static class ReportBatchScope
{
    public const string NotFound = "ไม่พบชุดรายงานที่ระบุ หรือชุดรายงานนี้ไม่อยู่ในขอบเขตของท่าน";
    public const string NationAdminOnly =
        "การออกรายงานทั้งประเทศสำหรับผู้ดูแลระบบของสำนักงาน ป.ป.ช. ส่วนกลางเท่านั้น กรุณาเลือกจังหวัด";

    /// <summary>The province whose batches the caller sees, or null for an admin (every batch).</summary>
    public static async Task<string?> ProvinceOfAsync(ISender sender, ICurrentUser user, CancellationToken ct) =>
        user.Role == UserRole.Admin ? null : (await sender.Send(new GetProvinceInScopeQuery(null), ct)).Code;

    /// <summary>Refuses (404) a batch outside the caller's scope: the nation's for anyone but an admin, a province
    /// the scope contract does not admit.</summary>
    public static async Task RequireAsync(ISender sender, ICurrentUser user, string? provinceCode,
        CancellationToken ct)
    {
        if (provinceCode is null)
        {
            if (user.Role != UserRole.Admin) throw new NotFoundException(NotFound);
            return;
        }
        try
        {
            await sender.Send(new GetProvinceInScopeQuery(provinceCode), ct);
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException or RuleViolationException)
        {
            throw new NotFoundException(NotFound);
        }
    }
}
