using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EPlanNacc.Host.Api.Identity;
using EPlanNacc.Host.Api.LocalAuthorityProfile;
using EPlanNacc.Host.Api.Projects;
using EPlanNacc.Host.Api.Reporting;
using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;
using EPlanNacc.Modules.Projects.Features.Projects;
using EPlanNacc.Modules.Projects.Features.RoundReports;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.Completeness;

namespace EPlanNacc.Host.Infrastructure.OpenApi;

/// <summary>The examples of the description: the tests' sample data (tests/EPlanNacc.TestSupport/Samples.cs and
/// ProjectSamples.cs: องค์การบริหารส่วนตำบลเกาะยอ, 6900106, of Songkhla, 90, a real LAO of the DLA registry), written
/// as the records the API reads and answers so that a renamed member cannot leave an example behind. A test
/// (tests/EPlanNacc.IntegrationTests/Reference/OpenApiDescriptionTests.cs) sends the request examples to the API and
/// checks they match the samples.</summary>
public static class ApiExamples
{
    public const string DlaCode = "6900106";
    public const string ProvinceCode = "90";
    public const int FiscalYear = 2569;
    public static readonly Guid ProjectId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static readonly JsonSerializerOptions Requests = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions Answers = new(JsonSerializerDefaults.Web);

    public static readonly ProfileLocation Location = new(ProvinceCode, "9001", "sao", "medium",
        "องค์การบริหารส่วนตำบลเกาะยอ", "หมู่ที่ 2 ตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา 90100");

    public static readonly ProfileAreaAndExecutives Area =
        new(48.5m, 10234m, 15_000_000.00m, 22_000_000.00m, "นายสมชาย ใจดี", "นางสาวสมหญิง รักษ์ดี");

    public static readonly ProfileCoordinator Coordinator = new("นายประสาน งานดี",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ", "สำนักปลัด", "074-123-456 ต่อ 12", "081-234-5678", "074-123-457",
        "coordinator@kohyo.go.th", "www.kohyo.go.th");

    public static readonly CreateProjectCommand Project = new(FiscalYear, "โครงการส่งเสริมคุณธรรมจริยธรรมของบุคลากร",
        [1, 2], "project", "1", "1.1.2", "อบรมให้ความรู้ด้านคุณธรรมและจริยธรรมแก่บุคลากร", false, 50_000m,
        ["staff", "public"], null, "เพื่อให้บุคลากรปฏิบัติงานด้วยความซื่อสัตย์สุจริต", null);

    private static readonly RoundReportDetails Reported = new(50_000m, 12_000m, true, "completed", null, null, null,
        new DateTimeOffset(2026, 4, 20, 10, 0, 0, TimeSpan.FromHours(7)));

    private static readonly Dictionary<Type, Func<JsonNode?>> Examples = new()
    {
        [typeof(TokenRequest)] = () => Request(new TokenRequest(DlaCode, "koh-yo-plan-2569", null)),
        [typeof(TokenResponse)] = () => Answer(new TokenResponse("CfDJ8N1…(opaque)", "Bearer", 3600,
            BuildingBlocks.Security.UserRoles.Lao, false, false)),
        [typeof(ProfileRequest)] = () =>
            Request(new ProfileRequest(Location, Area, Coordinator, null, 3)),
        [typeof(ProfileDetails)] = () =>
            Answer(new ProfileDetails(DlaCode, Location, Area, Coordinator, true, 4)),
        [typeof(CreateProjectCommand)] = () => Request(Project),
        [typeof(UpdateProjectCommand)] = () => Request(new UpdateProjectCommand(ProjectId, 1, Project.FiscalYear,
            Project.Name, Project.Quarters, Project.WorkType, Project.DimensionCode, Project.MissionCode,
            Project.Essence, Project.NoBudget, Project.Budget, Project.TargetGroups, Project.TargetGroupOther,
            Project.Objectives, Project.Remarks)),
        [typeof(ProjectDetails)] = () => Answer(new ProjectDetails(ProjectId, DlaCode, FiscalYear, Project.Name!,
            Project.Quarters!, Project.WorkType!, Project.DimensionCode!, Project.MissionCode, Project.Essence!, false,
            Project.Budget!.Value, Project.TargetGroups!, null, Project.Objectives!, null, "conforming",
            new Dictionary<string, RoundReportDetails?> { ["6"] = Reported, ["12"] = null }, 3)),
        [typeof(ReportRoundResultCommand)] = () => new JsonObject
        {
            ["ordinanceBudget"] = Reported.OrdinanceBudget, ["budgetSpent"] = Reported.BudgetSpent,
            ["inLocalOrdinance"] = Reported.InLocalOrdinance, ["status"] = Reported.Status, ["version"] = 2,
        },
        [typeof(ConformityRequest)] = () => Request(new ConformityRequest(true, null, 2)),
        [typeof(ExtensionRequest)] = () =>
            Request(new ExtensionRequest(DlaCode, new DateOnly(2026, 5, 15), "น้ำท่วมสำนักงาน ส่งรายงานไม่ทัน")),
        [typeof(RoundDatesRequest)] = () =>
            Request(new RoundDatesRequest(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30), 1)),
        [typeof(CreateReportBatchCommand)] = () =>
            Request(new CreateReportBatchCommand(ReportBatchKinds.Performance, FiscalYear, 6, ProvinceCode)),
        [typeof(ReportBatchStarted)] = () => Answer(new ReportBatchStarted(Guid.Parse(
            "6f1c2a0e-4b7d-4c1e-9a53-2f7e9d0b8c41"))),
        [typeof(ReportBatchAnswer)] = () => Answer(new ReportBatchAnswer(
            Guid.Parse("6f1c2a0e-4b7d-4c1e-9a53-2f7e9d0b8c41"), ReportBatchStatuses.Succeeded, 2, 2, 0,
            ReportBatchEndpoints.DownloadPath(Guid.Parse("6f1c2a0e-4b7d-4c1e-9a53-2f7e9d0b8c41")))),
        [typeof(CompletenessSummary)] = () => Answer(new CompletenessSummary(FiscalYear, 6,
            new CompletenessTotals(2, 2, 2, 1, 1, 0),
            [
                new CompletenessSummaryRow(DlaCode, "องค์การบริหารส่วนตำบลเกาะยอ", 1, 1, 1, 1, 1, 0),
                new CompletenessSummaryRow("6900202", "องค์การบริหารส่วนตำบลคลองรี", 1, 1, 1, 0, 0, 0),
            ])),
        [typeof(SendRemindersRequest)] = () => Request(new SendRemindersRequest(FiscalYear, 6, ProvinceCode)),
    };

    /// <summary>The example of a schema's type, if it has one.</summary>
    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var example) ? example() : null;

    /// <summary>The types that have an example (a test checks each).</summary>
    public static IEnumerable<Type> Types => Examples.Keys;

    private static JsonNode? Request<T>(T value) => JsonSerializer.SerializeToNode(value, Requests);
    private static JsonNode? Answer<T>(T value) => JsonSerializer.SerializeToNode(value, Answers);
}
