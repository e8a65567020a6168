using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Errors;
using EPlanNacc.BuildingBlocks.Thai;

namespace EPlanNacc.Modules.Projects.Features.Projects;

public sealed class ProjectsOptions
{
    public const string Section = "Projects";
    /// <summary>How many projects one LAO may have in one fiscal year (the form and the import refuse more).</summary>
    [Range(1, 100_000)] public int MaxProjectsPerLaoYear { get; set; } = 500;
}

/// <summary>The cap on an LAO's projects in one fiscal year, so that one account cannot grow its plan, its reports
/// and their PDFs without bound: at most <see cref="ProjectsOptions.MaxProjectsPerLaoYear"/> projects, and, counting
/// the deleted ones too (they stay, with their history), at most <see cref="DeletedAllowance"/> times as many.
/// Checked under a lock of the LAO and year held to the end of the transaction, so that two saves at once cannot pass
/// it together.</summary>
internal static class ProjectCap
{
    /// <summary>How many times the cap the projects of a year may number with the deleted ones.</summary>
    public const int DeletedAllowance = 4;

    private sealed record Counts(int Live, int All);

    /// <summary>Refuses (400, on <c>fiscalYear</c>) when <paramref name="adding"/> more projects would pass the
    /// cap.</summary>
    public static async Task EnsureRoomAsync(DbSession db, string dlaCode, int fiscalYear, int adding, int cap,
        CancellationToken ct)
    {
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('projects.cap:' || @dlaCode), @fiscalYear)",
            new { dlaCode, fiscalYear }, ct);
        var counts = await db.QuerySingleAsync<Counts>("""
            SELECT count(*) FILTER (WHERE deleted_at IS NULL)::int AS live, count(*)::int AS all
            FROM projects.projects WHERE dla_code = @dlaCode AND fiscal_year = @fiscalYear
            """, new { dlaCode, fiscalYear }, ct);
        if (counts.Live + adding > cap)
            throw new RuleViolationException(Full(fiscalYear, counts.Live, adding, cap), "fiscalYear");
        if (counts.All + adding > cap * DeletedAllowance)
            throw new RuleViolationException(TooManyDeleted(fiscalYear, counts.All), "fiscalYear");
    }

    private static string N(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Full(int fiscalYear, int live, int adding, int cap)
    {
        var text = $"{ThaiFormat.FiscalYear(fiscalYear)} มีโครงการแล้ว {N(live)} โครงการ " +
                   $"บันทึกได้ไม่เกิน {N(cap)} โครงการต่อปีงบประมาณ";
        return adding == 1 || live >= cap ? text : $"{text} (เพิ่มได้อีก {N(cap - live)} โครงการ " +
                                                   $"แต่ไฟล์มี {N(adding)} โครงการที่นำเข้าได้)";
    }

    public static string TooManyDeleted(int fiscalYear, int all) =>
        $"{ThaiFormat.FiscalYear(fiscalYear)} มีการบันทึกและลบโครงการไปแล้ว {N(all)} รายการ จึงบันทึกเพิ่มไม่ได้ " +
        "กรุณาติดต่อเจ้าหน้าที่ สำนักงาน ป.ป.ช.";
}
