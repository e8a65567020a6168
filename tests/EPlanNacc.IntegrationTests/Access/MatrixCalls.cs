using System.Globalization;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Features.Assessments;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Access;

/// <summary>One request of a cell: its method and address, and its JSON body (API) or form fields (a page's form; the
/// caller's antiforgery token is added when it is sent).</summary>
public sealed record Call(HttpMethod Method, string Path)
{
    public object? Json { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>>? Form { get; init; }
}

/// <summary>A cell of the matrix: an entry called by one caller in the entry's world.</summary>
public sealed record Cell(Who Who, MatrixWorld World)
{
    public AppFixture App => World.App;
    public int Year => World.Year;
    public Guid Project => World.ProjectId;
    public string? Password => Who == Who.Anonymous ? null : MatrixCallers.Password(Who);
}

/// <summary>The requests and bodies the matrix's entries send, about A's resources: minimal valid ones, so that an
/// allowed caller's answer is the success itself.</summary>
public static class MatrixCalls
{
    public const string A = MatrixWorld.LaoA;
    /// <summary>The password the cells that change one set (never used to sign in).</summary>
    public const string NewPassword = "matrix-changed-2569";

    public static Call Get(string path) => new(HttpMethod.Get, path);
    public static Call Delete(string path) => new(HttpMethod.Delete, path);
    public static Call Post(string path, object? json = null) => new(HttpMethod.Post, path) { Json = json };
    public static Call Put(string path, object? json = null) => new(HttpMethod.Put, path) { Json = json };

    /// <summary>A page's form posted to <paramref name="path"/> (a null value is left out).</summary>
    public static Call Form(string path, params (string Name, object? Value)[] fields) =>
        new(HttpMethod.Post, path)
        {
            Form = fields.Where(f => f.Value is not null)
                .Select(f => new KeyValuePair<string, string>(f.Name, Text(f.Value!))).ToList(),
        };

    public static Call Form(string path, IEnumerable<(string Name, object? Value)> fields) => Form(path, [.. fields]);

    private static string Text(object value) => value switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly day => BuddhistDate.Format(day),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>The LAO whose own data a caller's "me" request is about (A's for the staff, who are refused).</summary>
    public static string OwnLao(Who who) => who switch
    {
        Who.SetUp => MatrixCallers.SetUpLao,
        Who.LaoB => MatrixCallers.LaoB,
        _ => A,
    };

    /// <summary>The body of <c>PUT /api/v1/me/profile</c>: the caller's own basic data (with the password that ends a
    /// first set-up).</summary>
    public static object MyProfileJson(Who who) =>
        Samples.ProfileJson(OwnLao(who), who == Who.SetUp ? Samples.Password : null);

    /// <summary>The fields of the basic-data form: the caller's own (with the password of a first set-up).</summary>
    public static IEnumerable<(string, object?)> MyProfileForm(Who who)
    {
        return
        [
            .. Samples.ProfileFormFields(Samples.Profile(OwnLao(who))),
            ("Input.Password", who == Who.SetUp ? Samples.Password : null),
            ("Input.ConfirmPassword", who == Who.SetUp ? Samples.Password : null),
        ];
    }

    /// <summary>A project as the API takes it (the same values as <see cref="ProjectSamples.Project"/>): for a change
    /// (<paramref name="version"/> given) with its version and reason, for a new one without them (the API refuses
    /// fields a request does not have).</summary>
    public static object ProjectJson(int year, int? version = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["fiscalYear"] = year, ["name"] = "โครงการส่งเสริมคุณธรรม", ["quarters"] = new[] { 1, 2 },
            ["workType"] = "project", ["dimensionCode"] = "1", ["missionCode"] = "1.1.2",
            ["essence"] = "อบรมให้ความรู้",
            ["noBudget"] = false, ["budget"] = 50_000m, ["targetGroups"] = new[] { "staff", "public" },
            ["objectives"] = "เพื่อความซื่อสัตย์สุจริต",
        };
        if (version is not null) (body["version"], body["reason"]) = (version, "แก้ไขตามที่ อปท. แจ้ง");
        return body;
    }

    /// <summary>The fields of the project form (plan and edit).</summary>
    public static IEnumerable<(string, object?)> ProjectForm(int year, int? version = null) =>
    [
        ("Input.FiscalYear", year), ("Input.Name", "โครงการส่งเสริมคุณธรรม"), ("Input.Quarters", 1),
        ("Input.Quarters", 2), ("Input.WorkType", "project"), ("Input.DimensionCode", "1"),
        ("Input.MissionCode", "1.1.2"), ("Input.Essence", "อบรมให้ความรู้"), ("Input.NoBudget", false),
        ("Input.Budget", 50_000m), ("Input.TargetGroups", "staff"), ("Input.TargetGroups", "public"),
        ("Input.Objectives", "เพื่อความซื่อสัตย์สุจริต"), ("Input.Version", version),
        ("Input.Reason", "แก้ไขตามที่ อปท. แจ้ง"),
    ];

    public static object RoundReportJson(int? version = null) => new
    {
        ordinanceBudget = 50_000m, budgetSpent = 12_000m, inLocalOrdinance = true, status = "completed", version,
    };

    public static IEnumerable<(string, object?)> RoundReportForm(int? version) =>
    [
        ("Input.OrdinanceBudget", 50_000m), ("Input.BudgetSpent", 12_000m), ("Input.InLocalOrdinance", true),
        ("Input.Status", "completed"), ("Input.Version", version),
    ];

    public static readonly object[] ScoresJson =
        [new { code = "1", score = 10 }, new { code = "2", score = 10 }, new { code = "3", score = 10 },
            new { code = "4", score = 10 }];

    public static IEnumerable<(string, object?)> ScoresForm() => Enumerable.Range(0, 4).SelectMany(i =>
        new (string, object?)[] { ($"Input.Dimensions[{i}].Code", $"{i + 1}"), ($"Input.Dimensions[{i}].Score", 10m) });

    /// <summary>The assessment settings of the year as they are (saving them changes nothing but proves the
    /// save).</summary>
    public static async Task<AssessmentSettingsDetails> SettingsAsync(Cell c) =>
        await c.App.SendAsync(TestUser.Admin(), new GetAssessmentSettingsQuery(c.Year));

    public static async Task<IEnumerable<(string, object?)>> SettingsFormAsync(Cell c)
    {
        var settings = await SettingsAsync(c);
        return settings.Dimensions.SelectMany((d, i) => new (string, object?)[]
            { ($"Input.Dimensions[{i}].Code", d.Code), ($"Input.Dimensions[{i}].MaxScore", d.MaxScore) })
            .Append(("Input.PassingTotal", settings.PassingTotal));
    }

    /// <summary>The screening of A's project read at its current version, as the forms send it.</summary>
    public static async Task<IEnumerable<(string, object?)>> ScreeningFormAsync(Cell c) =>
    [
        ("Selected", c.Project), ($"Versions[{c.Project}]", await c.World.VersionAsync()),
        ("Screening", ProjectConformity.Conforming), ("Reason", "สอดคล้องกับมิติ"),
    ];

    /// <summary>The 12-month round's dates as they are by default (a save that changes nothing).</summary>
    public static (DateOnly OpensOn, DateOnly Deadline) Round12(int year) => RoundWindow.DefaultDates(year, 12);
}
