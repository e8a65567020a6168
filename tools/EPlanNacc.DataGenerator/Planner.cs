using System.Globalization;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Contracts;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.Rounds;

namespace EPlanNacc.DataGenerator;

/// <summary>Decides every row from the seed, before any is written: each LAO draws from a random sequence of its own
/// (the seed and its code), so that an LAO gets the same data whatever <c>--laos</c> says, and one seed gives the same
/// rows byte for byte. The proportions (docs/adr/0029-national-data-generator.md) follow the domain: four dimensions,
/// the work types of the project names, a quarter of the plans without budget, most LAOs reporting in the last days
/// before the deadline, a few late (some with an extension from their provincial office), a few not at all.</summary>
internal static class Planner
{
    private const string NonConformingReason = "กิจกรรมไม่สอดคล้องกับภารกิจของมิติที่เลือก";
    private const string AdminUsername = "admin";
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);
    private static readonly double[] DimensionWeights = [0.30, 0.30, 0.22, 0.18];
    private static readonly string[] Reasons =
    [
        RoundReportCodes.NoBudget, RoundReportCodes.PolicyChanged, RoundReportCodes.InsufficientStaff,
        RoundReportCodes.Other,
    ];
    private static readonly double[] ReasonWeights = [0.45, 0.20, 0.20, 0.15];
    private static readonly string[] TargetGroupCodes = ProjectCodes.TargetGroups.Codes.ToArray();

    private enum Behaviour { OnTime, Late, Partial, Silent }

    public static NationalPlan Make(Reference reference, GeneratorOptions options)
    {
        var laos = new List<LaoPlan>(reference.Laos.Count);
        var projects = new List<ProjectPlan>(reference.Laos.Count * options.Years.Count * options.ProjectsPerLao);
        var extensions = new List<ExtensionPlan>();
        var assessments = new List<AssessmentPlan>();
        var audit = new List<AuditRow>();
        var events = new List<AccountEventRow>();
        long entryNo = 0;
        foreach (var registry in reference.Laos)
        {
            var rng = new Random(unchecked(options.Seed * 1_000_003 + int.Parse(registry.DlaCode,
                CultureInfo.InvariantCulture)));
            var lao = MakeLao(registry, rng, options.Years[0]);
            laos.Add(lao);
            SignIn(lao, rng, lao.SetUpAt, "setup_completed", audit, events);
            foreach (var year in options.Years)
            {
                var context = new YearContext(reference, lao, year, rng, audit, events);
                if (rng.NextDouble() < 0.03) continue; // no plan recorded this year
                var count = Math.Max(1, (int)Math.Round(options.ProjectsPerLao * (0.75 + 0.5 * rng.NextDouble())));
                var plan = Enumerable.Range(0, count).Select(i => MakeProject(context, i, ++entryNo)).ToList();
                projects.AddRange(plan);
                Screen(context, plan);
                Report(context, plan, 6, extensions);
                Report(context, plan, 12, extensions);
                Assess(context, assessments);
            }
        }
        return new NationalPlan(laos, MakeStaff(reference, options), projects, extensions, assessments, audit,
            events);
    }

    private sealed class YearContext(Reference reference, LaoPlan lao, int year, Random rng, List<AuditRow> audit,
        List<AccountEventRow> events)
    {
        public Reference Reference => reference;
        public LaoPlan Lao => lao;
        public int Year => year;
        public Random Rng => rng;
        public List<AuditRow> Audit => audit;
        public List<AccountEventRow> Events => events;
        public DateOnly Start { get; } = FiscalYear.StartOf(year);
        public Mission[][] Missions { get; } = Enumerable.Range(1, 4)
            .Select(d => reference.Missions[year].Where(m => m.Dimension == d).ToArray()).ToArray();
        public bool Imported { get; } = rng.NextDouble() < 0.3;
        public DateTimeOffset ImportedAt { get; } =
            At(FiscalYear.StartOf(year).AddDays(rng.Next(10, 60)), rng.Next(9, 16), rng.Next(60));
    }

    private static LaoPlan MakeLao(RegistryLao r, Random rng, int firstYear)
    {
        var (size, area, population) = r.LaoType switch
        {
            "pao" => ("large", 1_000 + rng.Next(19_000), 300_000 + rng.Next(2_200_000)),
            "city_municipality" => ("large", 20 + rng.Next(80), 50_000 + rng.Next(200_000)),
            "town_municipality" => (rng.NextDouble() < 0.7 ? "medium" : "large", 5 + rng.Next(45),
                12_000 + rng.Next(60_000)),
            "pattaya" => ("large", 208, 120_000 + rng.Next(10_000)),
            _ => (rng.NextDouble() < 0.8 ? "small" : "medium", 10 + rng.Next(140), 2_500 + rng.Next(15_000)),
        };
        var revenue = Nearest(population * (150m + rng.Next(350)), 1000m);
        var code = r.DlaCode;
        var setUp = At(FiscalYear.StartOf(firstYear).AddDays(-rng.Next(5, 60)), rng.Next(8, 17), rng.Next(60));
        return new LaoPlan
        {
            Registry = r, UserId = Uuid(rng, setUp.AddDays(-400)), SecurityStamp = Uuid(rng, setUp),
            Size = size,
            OfficeAddress = $"เลขที่ {1 + rng.Next(299)} หมู่ที่ {1 + rng.Next(15)} อำเภอ{r.DistrictNameTh} " +
                            $"จังหวัด{r.ProvinceNameTh}",
            ServiceArea = area + rng.Next(100) / 100m, Population = population, Revenue = revenue,
            Subsidies = Nearest(revenue * (0.6m + rng.Next(80) / 100m), 1000m),
            Executive = Person(rng), Secretary = Person(rng), Coordinator = Person(rng),
            Position = Pick(rng, ThaiTexts.Positions), Affiliation = Pick(rng, ThaiTexts.Affiliations),
            Phone = $"0{rng.Next(32, 78)}-{rng.Next(100, 999)}-{rng.Next(100, 999)}",
            Mobile = $"0{(rng.NextDouble() < 0.5 ? 8 : 9)}{rng.Next(10)}-{rng.Next(100, 999)}-{rng.Next(1000, 9999)}",
            Fax = rng.NextDouble() < 0.4 ? $"0{rng.Next(32, 78)}-{rng.Next(100, 999)}-{rng.Next(100, 999)}" : null,
            Email = $"saraban.{code}@example.org",
            Website = rng.NextDouble() < 0.7 ? $"www.lao{code}.example.org" : null,
            SetUpAt = setUp, Address = $"10.{rng.Next(1, 255)}.{rng.Next(256)}.{rng.Next(1, 255)}",
        };
    }

    private static ProjectPlan MakeProject(YearContext c, int index, long entryNo)
    {
        var rng = c.Rng;
        var dimension = 1 + PickIndex(rng, DimensionWeights);
        var name = Pick(rng, ThaiTexts.ProjectNames[dimension - 1]);
        var workType = name.StartsWith("โครงการ", StringComparison.Ordinal) ? "project"
            : name.StartsWith("กิจกรรม", StringComparison.Ordinal) ? "activity"
            : name.StartsWith("มาตรการ", StringComparison.Ordinal) ? "measure" : "guideline";
        if (rng.NextDouble() < 0.5) name += $" ประจำปีงบประมาณ พ.ศ. {c.Year}";
        var missions = c.Missions[dimension - 1];
        var noBudget = rng.NextDouble() < workType switch
        {
            "project" => 0.08, "activity" => 0.35, _ => 0.85,
        };
        var scale = c.Lao.Size switch { "large" => 4.0, "medium" => 2.0, _ => 1.0 };
        var budget = noBudget ? 0m
            : Nearest((decimal)(scale * Math.Pow(10, (workType == "project" ? 4.0 : 3.3) + 1.3 * rng.NextDouble())),
                100m);
        var created = c.Imported ? c.ImportedAt
            : At(c.Start.AddDays(rng.Next(0, 75)), rng.Next(8, 17), rng.Next(60)).AddMinutes(index);
        var project = new ProjectPlan
        {
            Id = Uuid(rng, created), EntryNo = entryNo, Lao = c.Lao, Year = c.Year,
            PlanPeriod = c.Reference.PlanPeriods[c.Year], Name = name, WorkType = workType, Dimension = dimension,
            Mission = rng.NextDouble() < 0.6 ? Pick(rng, missions).Code : null, Quarters = Quarters(rng),
            Essence = rng.Next(ThaiTexts.Essences.Length), Objective = rng.Next(ThaiTexts.Objectives.Length),
            NoBudget = noBudget, Budget = budget, TargetGroups = TargetGroups(rng), Imported = c.Imported,
            CreatedAt = created,
        };
        if (rng.NextDouble() < 0.01) project.DeletedAt = created.AddDays(1 + rng.Next(20));
        return project;
    }

    /// <summary>The provincial office (or, now and then, NACC central) screens an LAO's plan on one day between
    /// December and March: most projects conforming, a few not, some left for later.</summary>
    private static void Screen(YearContext c, IReadOnlyList<ProjectPlan> plan)
    {
        var rng = c.Rng;
        var byAdmin = rng.NextDouble() < 0.05;
        var who = byAdmin ? AdminUsername : c.Lao.Office;
        var from = StaffAddress(byAdmin, c.Lao);
        var at = At(c.Start.AddDays(60 + rng.Next(110)), rng.Next(9, 17), rng.Next(60));
        foreach (var p in plan.Where(p => p.DeletedAt is null && rng.NextDouble() < 0.85))
        {
            var conforming = rng.NextDouble() < 0.94;
            p.Conformity = conforming ? ProjectConformity.Conforming : ProjectConformity.NonConforming;
            p.ConformityReason = conforming ? null : NonConformingReason;
            p.ScreenedAt = at;
            p.ScreenedBy = who;
            p.ScreenedFrom = from;
        }
        foreach (var group in plan.Where(p => p.ScreenedAt is not null).GroupBy(p => p.ConformityReason))
        {
            var mark = group.Key is null ? "สอดคล้องกับมิติ" : "ไม่สอดคล้องกับมิติ";
            c.Audit.Add(new AuditRow(Uuid(rng, at), at, who, byAdmin ? "admin" : "provincial",
                byAdmin ? null : c.Lao.Registry.ProvinceCode, "project.screened", c.Lao.Code,
                $"{ThaiFormat.FiscalYear(c.Year)} · {mark} {group.Count()} โครงการ" +
                (group.Key is null ? "" : $" · เหตุผล: {group.Key}"), from));
        }
    }

    /// <summary>The LAO reports a round in one sitting: on time (mostly in the last days), late (some with an
    /// extension), only part of its projects, or not at all.</summary>
    private static void Report(YearContext c, IReadOnlyList<ProjectPlan> plan, int round,
        List<ExtensionPlan> extensions)
    {
        var rng = c.Rng;
        var dates = c.Reference.Round(c.Year, round);
        var roll = rng.NextDouble();
        var behaviour = roll < 0.80 ? Behaviour.OnTime : roll < 0.87 ? Behaviour.Late
            : roll < 0.92 ? Behaviour.Partial : Behaviour.Silent;
        if (behaviour == Behaviour.Silent) return;
        var span = dates.Deadline.DayNumber - dates.OpensOn.DayNumber;
        var late = 1 + rng.Next(20);
        var day = behaviour == Behaviour.Late ? dates.Deadline.AddDays(late)
            : dates.Deadline.AddDays(-Math.Min(span, (int)(21 * Math.Pow(rng.NextDouble(), 2))));
        var sitting = At(day, rng.Next(8, 20), rng.Next(60));
        if (behaviour == Behaviour.Late && rng.NextDouble() < 0.6)
        {
            var grantedAt = At(dates.Deadline.AddDays(-rng.Next(4)), rng.Next(9, 16), rng.Next(60));
            var until = dates.Deadline.AddDays(late + rng.Next(6));
            var reason = Pick(rng, ThaiTexts.ExtensionReasons);
            var office = StaffAddress(false, c.Lao);
            extensions.Add(new ExtensionPlan(Uuid(rng, grantedAt), c.Year, round, c.Lao.Code, until, reason,
                grantedAt, c.Lao.Office, office));
            var change = new RoundChange(c.Year, round, RoundChangeKinds.ExtensionGranted, c.Lao.Code,
                NewUntil: until, Reason: reason);
            c.Audit.Add(new AuditRow(Uuid(rng, grantedAt), grantedAt, c.Lao.Office, "provincial",
                c.Lao.Registry.ProvinceCode, RoundChangeKinds.AuditAction(change.Kind), c.Lao.Code, change.Detail,
                office));
        }
        SignIn(c.Lao, rng, sitting, "signed_in", c.Audit, c.Events);
        var minute = 0;
        foreach (var p in plan.Where(p => p.DeletedAt is null && p.Conformity != ProjectConformity.NonConforming))
        {
            if (behaviour == Behaviour.Partial && rng.NextDouble() < 0.3) continue;
            var first = sitting.AddMinutes(minute += 1 + rng.Next(3));
            var report = round == 6 ? Round6(rng, p) : Round12(rng, p);
            var ordinance = p.NoBudget ? 0m : Nearest(p.Budget * (0.8m + rng.Next(40) / 100m), 100m);
            var inOrdinance = p.NoBudget ? rng.NextDouble() < 0.3 : rng.NextDouble() < 0.92;
            var (low, high) = (round, report.Status) switch
            {
                (_, RoundReportCodes.NotPossible) => (0.0, 0.0),
                (6, RoundReportCodes.Completed) => (0.8, 1.0),
                (6, _) => (0.0, 0.5),
                (_, RoundReportCodes.Completed) => (0.85, 1.0),
                _ => (0.3, 0.8),
            };
            var spent = inOrdinance ? Math.Round(ordinance * (decimal)(low + (high - low) * rng.NextDouble()), 2) : 0m;
            var reported = new ReportPlan
            {
                Status = report.Status, Reason = report.Reason,
                ReasonOther = report.Reason == RoundReportCodes.Other ? Pick(rng, ThaiTexts.NotPossibleOther) : null,
                Remarks = rng.NextDouble() < 0.15 ? Pick(rng, ThaiTexts.ReportRemarks) : null,
                InOrdinance = inOrdinance, Ordinance = inOrdinance ? ordinance : 0m, Spent = spent, FirstAt = first,
                At = rng.NextDouble() < 0.08 ? first.AddMinutes(30 + rng.Next(600)) : first,
            };
            if (round == 6) p.R6 = reported;
            else p.R12 = reported;
        }
    }

    private static (string Status, string? Reason) Round6(Random rng, ProjectPlan p)
    {
        var roll = rng.NextDouble();
        return roll < 0.30 ? (RoundReportCodes.Completed, null)
            : roll < 0.90 ? (RoundReportCodes.InProgress, null)
            : (RoundReportCodes.NotPossible, Reasons[PickIndex(rng, ReasonWeights)]);
    }

    /// <summary>Cumulative: completed at 6 months stays completed; not possible mostly stays so.</summary>
    private static (string Status, string? Reason) Round12(Random rng, ProjectPlan p)
    {
        if (p.R6?.Status == RoundReportCodes.Completed) return (RoundReportCodes.Completed, null);
        if (p.R6?.Status == RoundReportCodes.NotPossible && rng.NextDouble() < 0.7)
            return (RoundReportCodes.NotPossible, p.R6.Reason);
        var roll = rng.NextDouble();
        return roll < 0.78 ? (RoundReportCodes.Completed, null)
            : roll < 0.86 ? (RoundReportCodes.InProgress, null)
            : (RoundReportCodes.NotPossible, Reasons[PickIndex(rng, ReasonWeights)]);
    }

    /// <summary>After the 12-month round: most LAOs assess themselves, most provincial offices assess and publish,
    /// NACC central assesses a few.</summary>
    private static void Assess(YearContext c, List<AssessmentPlan> assessments)
    {
        var rng = c.Rng;
        var deadline = c.Reference.Round(c.Year, 12).Deadline;
        foreach (var (assessor, chance, from, publish) in new[]
                 {
                     (Assessors.Self, 0.85, 3, 0.0), (Assessors.Provincial, 0.70, 20, 0.8),
                     (Assessors.Central, 0.15, 40, 0.5),
                 })
        {
            if (rng.NextDouble() >= chance) continue;
            var (who, role) = assessor switch
            {
                Assessors.Self => (c.Lao.Code, "lao"),
                Assessors.Provincial => (c.Lao.Office, "provincial"),
                _ => (AdminUsername, "admin"),
            };
            var entered = At(deadline.AddDays(from + rng.Next(30)), rng.Next(9, 17), rng.Next(60));
            var scores = Enumerable.Range(0, 4).Select(_ => Math.Round((8m + rng.Next(35) / 2m), 1)).ToArray();
            DateTimeOffset? published = rng.NextDouble() < publish ? entered.AddDays(1 + rng.Next(10)) : null;
            assessments.Add(new AssessmentPlan(Uuid(rng, entered), c.Lao.Code, c.Year, assessor, scores, entered,
                who, published, published is null ? null : who));
            var province = role == "provincial" ? c.Lao.Registry.ProvinceCode : null;
            var address = role == "lao" ? c.Lao.Address : StaffAddress(role == "admin", c.Lao);
            var head = $"{ThaiFormat.FiscalYear(c.Year)} · {Assessors.NameTh(assessor)}";
            c.Audit.Add(new AuditRow(Uuid(rng, entered), entered, who, role, province, "assessment.saved",
                c.Lao.Code, head + " · " + string.Join(", ", scores.Select((s, i) =>
                    $"มิติที่ {i + 1} = {ThaiFormat.Number(s, 2)}")), address));
            if (published is { } at)
                c.Audit.Add(new AuditRow(Uuid(rng, at), at, who, role, province, "assessment.published",
                    c.Lao.Code, head, address));
        }
    }

    private static void SignIn(LaoPlan lao, Random rng, DateTimeOffset at, string kind, List<AuditRow> audit,
        List<AccountEventRow> events)
    {
        var moment = kind == "signed_in" ? at.AddMinutes(-1 - rng.Next(5)) : at;
        events.Add(new AccountEventRow(Uuid(rng, moment), lao.UserId, kind, lao.Code, lao.Address, null, moment));
        audit.Add(new AuditRow(Uuid(rng, moment), moment, lao.Code, "lao", null, "account." + kind, lao.Code, null,
            lao.Address));
        if (moment > lao.LastSignInAt) lao.LastSignInAt = moment;
    }

    /// <summary>A provincial office per province of the LAOs, and NACC central's admin.</summary>
    private static List<StaffAccount> MakeStaff(Reference reference, GeneratorOptions options)
    {
        var rng = new Random(options.Seed);
        var created = At(FiscalYear.StartOf(options.Years[0]).AddDays(-90), 9, 0);
        var staff = new List<StaffAccount>
        {
            new(Uuid(rng, created), AdminUsername, "admin", null, "ผู้ดูแลระบบ สำนักงาน ป.ป.ช.",
                "admin@example.org", Uuid(rng, created), created),
        };
        staff.AddRange(reference.Laos.DistinctBy(l => l.ProvinceCode).Select(l => new StaffAccount(
            Uuid(rng, created), "prov" + l.ProvinceCode, "provincial", l.ProvinceCode,
            $"สำนักงาน ป.ป.ช. ประจำจังหวัด{l.ProvinceNameTh}", $"prov{l.ProvinceCode}@example.org",
            Uuid(rng, created), created)));
        return staff;
    }

    private static string StaffAddress(bool admin, LaoPlan lao) =>
        admin ? "10.200.0.10" : $"10.200.{int.Parse(lao.Registry.ProvinceCode, CultureInfo.InvariantCulture)}.10";

    private static short[] Quarters(Random rng)
    {
        var roll = rng.NextDouble();
        if (roll < 0.40) return [1, 2, 3, 4];
        if (roll < 0.70) return [(short)(1 + rng.Next(4))];
        var first = 1 + rng.Next(3);
        var last = Math.Min(4, first + 1 + rng.Next(2));
        return Enumerable.Range(first, last - first + 1).Select(q => (short)q).ToArray();
    }

    private static string[] TargetGroups(Random rng)
    {
        var codes = TargetGroupCodes;
        var count = 1 + rng.Next(3);
        var chosen = new SortedSet<int>();
        while (chosen.Count < count) chosen.Add(rng.Next(codes.Length));
        return chosen.Select(i => codes[i]).ToArray();
    }

    private static string Person(Random rng) =>
        Pick(rng, ThaiTexts.Titles) + Pick(rng, ThaiTexts.FirstNames) + " " + Pick(rng, ThaiTexts.LastNames);

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static int PickIndex(Random rng, double[] weights)
    {
        var roll = rng.NextDouble();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private static decimal Nearest(decimal amount, decimal unit) => Math.Round(amount / unit) * unit;

    /// <summary>A moment in Bangkok, as UTC.</summary>
    private static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, 0, Bangkok).ToUniversalTime();

    /// <summary>A version-7 UUID (time-ordered, as the application's Guid.CreateVersion7) of
    /// <paramref name="at"/>, its random bits from the seeded sequence.</summary>
    internal static Guid Uuid(Random rng, DateTimeOffset at)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) b[i] = (byte)(ms >> (8 * (5 - i)));
        b[6] = (byte)(0x70 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true);
    }
}
