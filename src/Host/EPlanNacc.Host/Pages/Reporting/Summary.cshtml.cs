using EPlanNacc.Modules.Reporting.Features.Dashboard;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Reporting;

/// <summary>ข้อมูลโดยสรุป (หน้าแรก): an LAO's infographic and charts of the 6- and 12-month rounds for a chosen fiscal
/// year. Staff choose an LAO of their scope (an admin first its province) and see the same.</summary>
public sealed class SummaryModel(TimeProvider clock) : ReportingPageModel(clock)
{
    public override string Title => "ข้อมูลโดยสรุป";
    public override string Description => "สรุปการรายงานผลการดำเนินการโครงการขององค์กรปกครองส่วนท้องถิ่น";
    public override bool SubmitOnChange => !IsStaff;
    public override string ShowLabel => "แสดงข้อมูล";

    public DashboardDetails? Dashboard { get; private set; }
    public bool IsLao => !IsStaff;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        if (Missing is null)
            await TryAsync(async () => Dashboard = await Sender.Send(
                new GetDashboardQuery(FiscalYear!.Value, DlaCode), ct), prefix: "");
        return Page();
    }
}
