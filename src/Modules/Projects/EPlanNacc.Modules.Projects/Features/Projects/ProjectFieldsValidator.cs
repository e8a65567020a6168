using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;

namespace EPlanNacc.Modules.Projects.Features.Projects;

/// <summary>
/// The rules of a project's fields, shared by the form, the API and each row of an Excel import, with the Thai
/// message of each. The dimension and mission are checked against the taxonomy of the fiscal year's plan period.
/// </summary>
public abstract class ProjectFieldsValidator<T> : AbstractValidator<T> where T : IProjectFields
{
    public const string NameLabel = "ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน";

    protected ProjectFieldsValidator(DimensionTrees trees)
    {
        RuleFor(x => x.FiscalYear).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณาเลือกปีงบประมาณ")
            .ValidFiscalYear();
        RuleFor(x => x.Name).RequiredText(NameLabel, ThaiRules.NameMaxLength);
        RuleFor(x => x.Quarters).Cascade(CascadeMode.Stop)
            .Must(q => q is { Count: > 0 }).WithMessage("กรุณาเลือกไตรมาสที่ดำเนินการอย่างน้อย 1 ไตรมาส")
            .Must(q => q!.Count <= 4).WithMessage("ไตรมาสที่ดำเนินการมีได้ไม่เกิน 4 ไตรมาส")
            .Must(q => q!.All(x => x is >= 1 and <= 4))
            .WithMessage("ไตรมาสต้องเป็น 1 ถึง 4 (1 = ต.ค.-ธ.ค., 2 = ม.ค.-มี.ค., 3 = เม.ย.-มิ.ย., 4 = ก.ค.-ก.ย.)");
        RuleFor(x => x.WorkType).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกประเภทงาน")
            .Must(ProjectCodes.WorkTypes.Contains)
            .WithMessage("ประเภทงานต้องเป็น โครงการ กิจกรรม มาตรการ หรือ แนวปฏิบัติงาน");
        RuleFor(x => x.DimensionCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาเลือกมิติ")
            .MustAsync(async (x, code, ct) =>
                x.FiscalYear is not { } year || await trees.ForYearAsync(year, ct) is not { } tree
                                             || DimensionTrees.IsDimension(tree, code))
            .WithMessage("ไม่พบมิติที่เลือกในแผนปฏิบัติการของปีงบประมาณนี้ กรุณาเลือกมิติ 1 ถึง 4");
        RuleFor(x => x.MissionCode)
            .MaximumLength(20).WithMessage("ภารกิจที่เลือกไม่อยู่ในมิติที่เลือก")
            .MustAsync(async (x, code, ct) =>
                x.FiscalYear is not { } year || await trees.ForYearAsync(year, ct) is not { } tree
                                              || !DimensionTrees.IsDimension(tree, x.DimensionCode)
                                              || DimensionTrees.IsMissionOf(tree, x.DimensionCode, code))
            .WithMessage("ภารกิจที่เลือกไม่อยู่ในมิติที่เลือก กรุณาเลือกภารกิจของมิติเดียวกัน หรือเว้นว่าง")
            .When(x => !string.IsNullOrWhiteSpace(x.MissionCode));
        RuleFor(x => x.FiscalYear)
            .MustAsync(async (year, ct) => await trees.ForYearAsync(year!.Value, ct) is not null)
            .WithMessage("ยังไม่มีแผนปฏิบัติการ (มิติ) สำหรับปีงบประมาณนี้")
            .When(x => x.FiscalYear is { } year && FiscalYear.IsValid(year));
        RuleFor(x => x.Essence).RequiredText("สาระสำคัญ");
        RuleFor(x => x.Budget).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("กรุณากรอกงบประมาณ หรือเลือก “ไม่ใช้งบประมาณ”")
            .GreaterThanOrEqualTo(0).WithMessage("งบประมาณต้องไม่ติดลบ")
            .LessThanOrEqualTo(ThaiRules.MaxAmount).WithMessage("งบประมาณต้องไม่เกิน 999,999,999,999.99 บาท")
            .MaxDecimals(2).WithMessage("งบประมาณมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
            .When(x => x.NoBudget != true);
        RuleFor(x => x.Budget)
            .Must(b => b is null or 0m).WithMessage("เมื่อเลือก “ไม่ใช้งบประมาณ” งบประมาณต้องเป็น 0")
            .When(x => x.NoBudget == true);
        RuleFor(x => x.TargetGroups)
            .Must(g => g is null || g.All(ProjectCodes.TargetGroups.Contains))
            .WithMessage("กลุ่มเป้าหมายไม่ถูกต้อง กรุณาเลือกจากรายการ")
            .Must(g => g is null || g.Count <= ProjectCodes.TargetGroups.Count())
            .WithMessage("กลุ่มเป้าหมายเลือกได้กลุ่มละครั้งเดียว")
            .Must((x, g) => g is { Count: > 0 } || !string.IsNullOrWhiteSpace(x.TargetGroupOther))
            .WithMessage("กรุณาเลือกกลุ่มเป้าหมายอย่างน้อย 1 กลุ่ม หรือระบุกลุ่มเป้าหมายอื่น ๆ");
        RuleFor(x => x.TargetGroupOther).OptionalText("กลุ่มเป้าหมายอื่น ๆ", ThaiRules.NameMaxLength);
        RuleFor(x => x.Objectives).RequiredText("วัตถุประสงค์");
        RuleFor(x => x.Remarks).OptionalText("หมายเหตุ");
    }
}
