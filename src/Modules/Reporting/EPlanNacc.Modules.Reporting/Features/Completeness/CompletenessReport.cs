using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Reporting.Features.Reports;
using EPlanNacc.Modules.Reporting.Rendering;

namespace EPlanNacc.Modules.Reporting.Features.Completeness;

/// <summary>Who has done what in one round: the nation by province (<see cref="ProvinceCode"/> null), or one
/// province by district with its LAOs. The page, the Excel file (<see cref="ToDocument"/>) and the API
/// (<see cref="ToSummary"/>) are written from it.</summary>
/// <param name="Deadline">The round's deadline (an LAO with an extension has a later last day of its own).</param>
/// <param name="Areas">The provinces (nation) or the districts (province), in the order of their codes.</param>
public sealed record CompletenessReport(
    int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline, string? ProvinceCode, string? ProvinceNameTh,
    IReadOnlyList<CompletenessArea> Areas, CompletenessCounts Total) : IReport
{
    public const string Title = "ความครบถ้วนของการรายงานผล";

    /// <summary>When the figures were computed (the nation's page may show figures a few seconds old, and says
    /// when: <see cref="GetNationalCompletenessQuery.Recent"/>).</summary>
    public DateTimeOffset? FiguresAt { get; init; }

    public bool IsNational => ProvinceCode is null;

    /// <summary>Every LAO of the province (none for the nation), district by district.</summary>
    public IEnumerable<LaoCompleteness> Laos => Areas.SelectMany(a => a.Laos);

    /// <summary>The LAOs of the province that have not finished the round (no plan, or a project still to report),
    /// for the staff desk.</summary>
    public IReadOnlyList<LaoCompleteness> NotReported => Laos.Where(l => !l.RoundReported).ToList();

    public string Subject => IsNational ? "ทั่วประเทศ" : $"จังหวัด{ProvinceNameTh}";

    /// <summary>The bands of the round: "ระดับรอบ 6 เดือน: เขียว ตั้งแต่ 50 · ...".</summary>
    public string BandsNote => ReportNotes.Bands(Round);

    /// <summary>The answer of <c>GET /api/v1/admin/completeness</c> (docs/api.md): rows of provinces, or of the LAOs
    /// of the province (each counting 1).</summary>
    public CompletenessSummary ToSummary() => new(FiscalYear, Round, CompletenessTotals.Of(Total),
        IsNational
            ? Areas.Select(a => CompletenessSummaryRow.Of(a.Code, a.NameTh, a.Counts)).ToList()
            : Laos.Select(l => CompletenessSummaryRow.Of(l.DlaCode, l.NameTh, l.Counts)).ToList());

    public ReportDocument ToDocument()
    {
        var round = RoundTexts.RoundName(Round);
        var areaName = IsNational ? "จังหวัด" : "อำเภอ";
        var byArea = new ReportTable(IsNational ? "รายจังหวัด" : "สรุปรายอำเภอ",
            $"ความครบถ้วนของการรายงานผล{round} ราย{areaName}",
            [new(areaName), new("รหัส"), .. CountColumns],
            [
                .. Areas.Select(a => new ReportRow([a.NameTh, a.Code, .. CountCells(a.Counts)])),
                new ReportRow([IsNational ? "รวมทั้งประเทศ" : $"รวมจังหวัด{ProvinceNameTh}", null,
                    .. CountCells(Total)], RowKind.Total),
            ]);
        var notes = new List<string>
        {
            $"กำหนดส่ง{round}: {ThaiFormat.ShortDate(Deadline)} (อปท. ที่ได้รับการขยายเวลานับถึงวันที่ขยาย)",
            CompletenessTexts.Definitions, BandsNote,
        };
        var tables = new List<ReportTable>();
        if (!IsNational)
        {
            tables.Add(new ReportTable("ราย อปท.", $"ความครบถ้วนของการรายงานผล{round} ราย อปท.",
                [
                    new("องค์กรปกครองส่วนท้องถิ่น") { WidthPercent = 24 }, new("รหัส"), new("อำเภอ"),
                    new("ข้อมูลพื้นฐาน") { NoWrap = true }, new("บันทึกแผน") { NoWrap = true },
                    new($"รายงานผล{round}") { NoWrap = true }, new("รายงานครบเมื่อ") { NoWrap = true },
                    new("ตรงเวลา/ล่าช้า") { NoWrap = true }, new("ขยายเวลาถึง") { NoWrap = true },
                    new("คะแนน", CellKind.Score, "ผลการนำแผนไปปฏิบัติ"),
                    new("ระดับ", CellKind.Band, "ผลการนำแผนไปปฏิบัติ"),
                ],
                [
                    .. Areas.SelectMany(a => a.Laos.Select(l => new ReportRow(
                        [
                            l.NameTh, l.DlaCode, l.DistrictNameTh, l.ProfileCompleted ? "ครบ" : "ยังไม่ครบ",
                            l.PlanRecorded ? "บันทึกแล้ว" : "ยังไม่บันทึก", l.RoundText,
                            l.FinishedAt is { } at ? ThaiFormat.DateTime(at) : null, l.TimingText,
                            l.ExtendedUntil is { } until ? ThaiFormat.ShortDate(until) : null, l.Score, l.Band,
                        ]))
                        .Append(Subtotal($"รวมอำเภอ{a.NameTh} ({a.Counts.LaoCount} แห่ง)", a.Counts,
                            RowKind.Subtotal))),
                    Subtotal($"รวมจังหวัด{ProvinceNameTh} ({Total.LaoCount} แห่ง)", Total, RowKind.Total),
                ]));
        }
        tables.Add(byArea);
        return new ReportDocument(Title, Subject, $"{ThaiFormat.FiscalYear(FiscalYear)} {round}", tables,
            IsNational ? $"completeness-{FiscalYear}-r{Round}" : $"completeness-{ProvinceCode}-{FiscalYear}-r{Round}")
        {
            Landscape = true, Notes = notes,
        };
    }

    private static readonly ReportColumn[] CountColumns =
    [
        new("อปท. (แห่ง)", CellKind.Count),
        new("ข้อมูลพื้นฐานครบ", CellKind.Count), new("ร้อยละ", CellKind.Score, "ข้อมูลพื้นฐานครบ"),
        new("บันทึกแผนแล้ว", CellKind.Count), new("ร้อยละ", CellKind.Score, "บันทึกแผนแล้ว"),
        new("รายงานผลครบ", CellKind.Count), new("ร้อยละ", CellKind.Score, "รายงานผลครบ"),
        new("ตรงเวลา", CellKind.Count), new("ล่าช้า", CellKind.Count),
        new("ภายในเวลาที่ขยาย", CellKind.Count), new("ยังไม่รายงาน", CellKind.Count),
        new("เขียว", CellKind.Count, "จำนวน อปท. ตามระดับ"), new("ส้ม", CellKind.Count, "จำนวน อปท. ตามระดับ"),
        new("แดง", CellKind.Count, "จำนวน อปท. ตามระดับ"), new("ไม่มีคะแนน", CellKind.Count, "จำนวน อปท. ตามระดับ"),
    ];

    private static object?[] CountCells(CompletenessCounts c) =>
    [
        c.LaoCount, c.ProfileCompleted, c.Percent(c.ProfileCompleted), c.PlanRecorded, c.Percent(c.PlanRecorded),
        c.RoundReported, c.Percent(c.RoundReported), c.OnTime, c.Late, c.InExtension, c.NotReported,
        c.Green, c.Orange, c.Red, c.NoScore,
    ];

    /// <summary>A district's or the province's row in the table of LAOs: how many of its LAOs in each column.</summary>
    private static ReportRow Subtotal(string label, CompletenessCounts c, RowKind kind) =>
        new([label, null, null, c.ProfileCompleted, c.PlanRecorded, c.RoundReported, null,
            $"ตรงเวลา {c.OnTime} · ล่าช้า {c.Late}", null, null, null], kind);
}

/// <summary>A province (the nation's page) or a district (a province's page) and its LAOs' counts.</summary>
/// <param name="Laos">Its LAOs by name (none on the nation's page).</param>
public sealed record CompletenessArea(string Code, string NameTh, CompletenessCounts Counts,
    IReadOnlyList<LaoCompleteness> Laos)
{
    public static CompletenessArea Of(string code, string nameTh, IReadOnlyList<LaoCompleteness> laos) =>
        new(code, nameTh, CompletenessCounts.Of(laos), laos);
}

/// <summary>How many LAOs of a group have done each thing.</summary>
/// <param name="RoundReported">LAOs with nothing left to report in the round: a plan, and every project that needs a
/// report has one (an LAO whose projects were all screened non-conforming has nothing to report).</param>
/// <param name="OnTime">Of <paramref name="RoundReported"/>, those that finished on or before their last day (the
/// deadline, or their extension); <paramref name="Late"/> the others.</param>
/// <param name="InExtension">Of <paramref name="OnTime"/>, those that finished after the round's deadline, within
/// the extension staff granted them.</param>
/// <param name="Extended">LAOs granted an extension of this round.</param>
/// <param name="Green">LAOs whose implementation score of the round is in the green band (likewise orange,
/// red).</param>
public sealed record CompletenessCounts(
    int LaoCount, int ProfileCompleted, int PlanRecorded, int RoundReported, int OnTime, int Late, int InExtension,
    int Extended, int Green, int Orange, int Red)
{
    /// <summary>LAOs that have not finished the round (no plan, or a project still to report).</summary>
    public int NotReported => LaoCount - RoundReported;
    public int NoPlan => LaoCount - PlanRecorded;
    public int NoScore => LaoCount - Green - Orange - Red;

    /// <summary>The share of the group's LAOs, in per cent with 2 decimals (null for a group without LAOs).</summary>
    public decimal? Percent(int count) =>
        LaoCount == 0 ? null : Math.Round(100m * count / LaoCount, 2, MidpointRounding.AwayFromZero);

    public static CompletenessCounts Of(IEnumerable<LaoCompleteness> laos)
    {
        var list = laos.ToList();
        int Count(Func<LaoCompleteness, bool> done) => list.Count(done);
        return new CompletenessCounts(list.Count, Count(l => l.ProfileCompleted), Count(l => l.PlanRecorded),
            Count(l => l.RoundReported), Count(l => l.OnTime), Count(l => l.Late), Count(l => l.InExtension),
            Count(l => l.ExtendedUntil is not null), Count(l => l.Band == ScoreBands.Green),
            Count(l => l.Band == ScoreBands.Orange), Count(l => l.Band == ScoreBands.Red));
    }

    public static CompletenessCounts Sum(IEnumerable<CompletenessCounts> groups) =>
        groups.Aggregate(new CompletenessCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), (a, b) => new CompletenessCounts(
            a.LaoCount + b.LaoCount, a.ProfileCompleted + b.ProfileCompleted, a.PlanRecorded + b.PlanRecorded,
            a.RoundReported + b.RoundReported, a.OnTime + b.OnTime, a.Late + b.Late, a.InExtension + b.InExtension,
            a.Extended + b.Extended, a.Green + b.Green, a.Orange + b.Orange, a.Red + b.Red));
}

/// <summary>One LAO's round.</summary>
/// <param name="RoundState"><c>complete</c> | <c>partial</c> | <c>none</c> | <c>not_required</c> |
/// <c>no_plan</c> (as <see cref="RoundTexts.Code"/>).</param>
/// <param name="RoundText">The same in Thai: "ครบ", "บางส่วน (2/5)"...</param>
/// <param name="FinishedAt">When its last project that needed a report was first reported (null until it
/// finished).</param>
/// <param name="ExtendedUntil">Its extension of the round, if staff granted one.</param>
public sealed record LaoCompleteness(
    string DlaCode, string NameTh, string DistrictCode, string DistrictNameTh, bool ProfileCompleted,
    bool PlanRecorded, string RoundState, string RoundText, int NeedReport, int Reported, DateTimeOffset? FinishedAt,
    bool OnTime, bool Late, bool InExtension, DateOnly? ExtendedUntil, decimal? Score, string? Band)
{
    /// <summary>Nothing left to report in the round.</summary>
    public bool RoundReported => OnTime || Late;

    /// <summary>"ตรงเวลา", "ตรงเวลา (ภายในเวลาที่ขยาย)", "ล่าช้า", or null while not finished.</summary>
    public string? TimingText => Late ? CompletenessTexts.Late
        : InExtension ? $"{CompletenessTexts.OnTime} (ภายในเวลาที่ขยาย)"
        : OnTime ? CompletenessTexts.OnTime
        : null;

    public CompletenessCounts Counts => CompletenessCounts.Of([this]);
}

/// <summary>The words of the completeness page and file.</summary>
public static class CompletenessTexts
{
    public const string OnTime = "ตรงเวลา";
    public const string Late = "ล่าช้า";

    public const string Definitions =
        "ข้อมูลพื้นฐานครบ: อปท. บันทึกข้อมูลพื้นฐานทั้ง 3 หน้าแล้ว · " +
        "บันทึกแผนแล้ว: มีโครงการในปีงบประมาณนี้อย่างน้อย 1 โครงการ · " +
        "รายงานผลครบ: รายงานผลครบทุกโครงการที่ต้องรายงานในรอบนี้ " +
        "(โครงการที่ยังไม่คัดกรองนับเป็นโครงการที่ต้องรายงาน โครงการที่ไม่สอดคล้องกับมิติไม่ต้องรายงาน " +
        "อปท. ที่ไม่มีโครงการต้องรายงานนับว่ารายงานครบ) · " +
        "ตรงเวลา/ล่าช้า: วันที่รายงานโครงการสุดท้ายครั้งแรกเทียบกับกำหนดส่ง หรือวันที่ขยายเวลาให้ อปท. นั้น";
}

/// <summary>The counts of the API (docs/api.md, <c>Counts</c>).</summary>
public sealed record CompletenessTotals(
    int LaoCount, int ProfileCompleted, int PlanRecorded, int RoundReported, int OnTime, int Late)
{
    public static CompletenessTotals Of(CompletenessCounts c) =>
        new(c.LaoCount, c.ProfileCompleted, c.PlanRecorded, c.RoundReported, c.OnTime, c.Late);
}

/// <summary>A row of the API: a province, or an LAO of the province asked (<c>Counts &amp; { code, nameTh
/// }</c>).</summary>
public sealed record CompletenessSummaryRow(
    string Code, string NameTh, int LaoCount, int ProfileCompleted, int PlanRecorded, int RoundReported, int OnTime,
    int Late)
{
    public static CompletenessSummaryRow Of(string code, string nameTh, CompletenessCounts c) =>
        new(code, nameTh, c.LaoCount, c.ProfileCompleted, c.PlanRecorded, c.RoundReported, c.OnTime, c.Late);
}

/// <summary><c>{ fiscalYear, round, total, rows }</c>.</summary>
public sealed record CompletenessSummary(int FiscalYear, int Round, CompletenessTotals Total,
    IReadOnlyList<CompletenessSummaryRow> Rows);
