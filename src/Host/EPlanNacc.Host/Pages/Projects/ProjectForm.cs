using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Projects.Contracts;
using EPlanNacc.Modules.Projects.Features.Projects;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>The fields of the บันทึกแผน form, bound from the page and sent as the create or update command.</summary>
public sealed class ProjectForm : IVersionedForm
{
    public int? FiscalYear { get; set; }
    public string? Name { get; set; }
    public List<int> Quarters { get; set; } = [];
    public string? WorkType { get; set; }
    public string? DimensionCode { get; set; }
    public string? MissionCode { get; set; }
    public string? Essence { get; set; }
    public bool NoBudget { get; set; }
    public decimal? Budget { get; set; }
    public List<string> TargetGroups { get; set; } = [];
    public string? TargetGroupOther { get; set; }
    public string? Objectives { get; set; }
    public string? Remarks { get; set; }
    public int? Version { get; set; }

    /// <summary>Why NACC staff change an LAO's project (required of them; kept in the project's history).</summary>
    public string? Reason { get; set; }

    public CreateProjectCommand ToCreate() =>
        new(FiscalYear, Name, Quarters, WorkType, DimensionCode, MissionCode, Essence, NoBudget, Budget, TargetGroups,
            TargetGroupOther, Objectives, Remarks);

    public UpdateProjectCommand ToUpdate(Guid id) =>
        new(id, Version, FiscalYear, Name, Quarters, WorkType, DimensionCode, MissionCode, Essence, NoBudget, Budget,
            TargetGroups, TargetGroupOther, Objectives, Remarks, Reason);

    /// <summary>What the LAO is told after recording the project.</summary>
    public string CreatedMessage()
    {
        var budget = NoBudget ? "ไม่ใช้งบประมาณ" : $"งบประมาณ {ThaiFormat.Baht(Budget ?? 0)}";
        var year = ThaiFormat.FiscalYear(FiscalYear!.Value);
        return $"บันทึกโครงการ “{Name?.Trim()}” (มิติที่ {DimensionCode}, {year}, {budget}) เรียบร้อยแล้ว";
    }

    /// <summary>What the user is told after an edit, and that the screening went back when it did.</summary>
    public string UpdatedMessage(bool screeningWithdrawn) =>
        $"บันทึกการแก้ไขโครงการ “{Name?.Trim()}” เรียบร้อยแล้ว" +
        (screeningWithdrawn
            ? $" · {ProjectChangeRules.WithdrawnNote} โครงการนี้จึงกลับเป็น “ยังไม่คัดกรอง” " +
              "จนกว่าสำนักงาน ป.ป.ช. จะคัดกรองอีกครั้ง"
            : "");

    public static ProjectForm From(ProjectDetails p) => new()
    {
        FiscalYear = p.FiscalYear, Name = p.Name, Quarters = [.. p.Quarters], WorkType = p.WorkType,
        DimensionCode = p.DimensionCode, MissionCode = p.MissionCode, Essence = p.Essence, NoBudget = p.NoBudget,
        Budget = p.NoBudget ? null : p.Budget, TargetGroups = [.. p.TargetGroups],
        TargetGroupOther = p.TargetGroupOther, Objectives = p.Objectives, Remarks = p.Remarks, Version = p.Version,
    };
}

/// <summary>What the shared form partial needs from its page.</summary>
public interface IProjectFormPage
{
    ProjectForm Input { get; }
    DimensionTree Tree { get; }
    IReadOnlyList<int> Years { get; }

    /// <summary>Why the dimension and the fiscal year cannot be changed here (null when they can).</summary>
    string? MoveLockedReason => null;
}
