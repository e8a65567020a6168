using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Features.Projects;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Import;

/// <summary>The Excel template of a plan for a fiscal year: Thai headers, drop-down lists for the coded columns
/// (work type, dimension, mission of that year's plan period, the ticks), and a sheet with the lists and how to fill
/// it.</summary>
[Allow(Caller.Lao)]
public sealed record GetProjectImportTemplateQuery(int FiscalYear) : IQuery<ProjectImportFile>;

public sealed record ProjectImportFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

public sealed class GetProjectImportTemplateValidator : AbstractValidator<GetProjectImportTemplateQuery>
{
    public GetProjectImportTemplateValidator() => RuleFor(x => x.FiscalYear).ValidFiscalYear();
}

public sealed class GetProjectImportTemplateHandler(DimensionTrees trees)
    : IQueryHandler<GetProjectImportTemplateQuery, ProjectImportFile>
{
    public async ValueTask<ProjectImportFile> Handle(GetProjectImportTemplateQuery query, CancellationToken ct)
    {
        var tree = await trees.ForYearAsync(query.FiscalYear, ct)
            ?? throw new BuildingBlocks.Errors.NotFoundException("ยังไม่มีแผนปฏิบัติการ (มิติ) สำหรับปีงบประมาณนี้");
        var lists = new List<XlsxTemplate.NamedList>
        {
            new("WorkTypes", "ประเภทงาน", ProjectCodes.WorkTypes.Select(w => w.Value).ToList()),
            new("Dimensions", "มิติ", tree.Dimensions.Select(d => $"{d.Code} {d.NameTh}").ToList()),
            new("Missions", "ภารกิจ/ภารกิจย่อย", tree.Dimensions.SelectMany(d => d.Children)
                .SelectMany(m =>
                    new[] { $"{m.Code} {m.NameTh}" }.Concat(m.Children.Select(s => $"{s.Code} {s.NameTh}"))).ToList()),
            new("YesList", "ตัวเลือก (ช่องที่เลือก)", [ProjectSheetColumns.Yes]),
        };
        string? ListOf(string header) => header switch
        {
            ProjectSheetColumns.WorkType => "WorkTypes",
            ProjectSheetColumns.Dimension => "Dimensions",
            ProjectSheetColumns.Mission => "Missions",
            ProjectSheetColumns.NoBudget => "YesList",
            _ when header.StartsWith(ProjectSheetColumns.TargetPrefix, StringComparison.Ordinal) => "YesList",
            _ => null,
        };
        var template = new XlsxTemplate
        {
            DataSheetName = "แผนปฏิบัติการ",
            ListSheetName = "รายการและคำอธิบาย",
            Columns = ProjectSheetColumns.All.Select(c =>
                new XlsxTemplate.Column(c.Header, c.Width, ListOf(c.Header))).ToList(),
            Lists = lists,
            Instructions =
            [
                $"แบบฟอร์มนำเข้าแผนปฏิบัติการป้องกันการทุจริต {FiscalYear(query.FiscalYear)} ({tree.PlanPeriodNameTh})",
                "กรอกโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน แถวละ 1 โครงการ ในแผ่นงาน “แผนปฏิบัติการ” ตั้งแต่แถวที่ 2 " +
                "ห้ามแก้ไขหัวตารางแถวที่ 1", "คอลัมน์ที่มีเครื่องหมาย * ต้องกรอก",
                "ไตรมาสที่ดำเนินการ: ตัวเลข 1 ถึง 4 คั่นด้วยจุลภาค เช่น 1,2 หรือเป็นช่วง เช่น 1-4 (ไตรมาส 1 = " +
                "ต.ค.-ธ.ค., 2 = ม.ค.-มี.ค., 3 = เม.ย.-มิ.ย., 4 = ก.ค.-ก.ย.)",
                "ประเภทงาน มิติ และภารกิจ: เลือกจากรายการในช่อง (หรือพิมพ์เพียงรหัส เช่น 1 หรือ 1.1.2) " +
                "ภารกิจต้องอยู่ในมิติที่เลือก หรือเว้นว่าง", ProjectCodes.FirstDimensionRule,
                "งบประมาณ: จำนวนเงินบาท ทศนิยมไม่เกิน 2 ตำแหน่ง หรือใส่ “ใช่” ในช่อง ไม่ใช้งบประมาณ " +
                "แล้วเว้นช่องงบประมาณว่าง",
                "กลุ่มเป้าหมาย: ใส่ “ใช่” ในช่องของกลุ่มที่เกี่ยวข้อง (อย่างน้อย 1 กลุ่ม) " +
                "หรือระบุในช่อง กลุ่มเป้าหมายอื่น ๆ",
                "ระบบจะแสดงตัวอย่างและข้อผิดพลาดของทุกแถวก่อนบันทึก ท่านเลือกได้ว่าจะบันทึกเฉพาะแถวที่ถูกต้อง " +
                "หรือไม่บันทึกเลยหากมีแถวที่ผิด",
            ],
        };
        return new ProjectImportFile($"แบบฟอร์มนำเข้าแผน-ปีงบประมาณ-{query.FiscalYear}.xlsx", template.Write());
    }

    private static string FiscalYear(int year) => ThaiFormat.FiscalYear(year);
}
