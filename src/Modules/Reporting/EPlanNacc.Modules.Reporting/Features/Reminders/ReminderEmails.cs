using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.LocalAuthorityProfile.Contracts;
using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>The reminders' letters (<see cref="EmailLetter"/>): to an LAO's coordinator, what exactly is missing, the
/// deadline in BE and the page where to do it; to a provincial office, its LAOs still missing after the
/// deadline.</summary>
internal static class ReminderEmails
{
    /// <summary>At most this many project names are listed in one email (the page lists them all).</summary>
    public const int MaxNames = 30;

    public static EmailMessage ToLao(UnfinishedLao u, string email, DateOnly today, string baseUrl)
    {
        var w = u.Window;
        var (year, round) = (ThaiFormat.FiscalYear(w.FiscalYear), w.RoundName);
        var lastDay = ThaiFormat.LongDate(w.LastDay);
        var left = w.LastDay.DayNumber - today.DayNumber;
        var when = left switch
        {
            > 0 => $"กำหนดส่งภายในวันที่ {lastDay} (อีก {left} วัน)",
            0 => $"กำหนดส่งภายในวันนี้ ({lastDay})",
            _ => $"ซึ่งครบกำหนดส่งแล้วเมื่อวันที่ {lastDay} หากยังต้องการรายงานผล " +
                 "กรุณาติดต่อสำนักงาน ป.ป.ช. ประจำจังหวัดเพื่อขอขยายเวลา",
        };
        if (u.Extended) when += $" ตามที่ได้รับการขยายเวลา (กำหนดเดิม {ThaiFormat.ShortDate(w.Deadline)})";
        var missing = u.PlanRecorded
            ? new EmailLetter.Part($"สิ่งที่ยังขาด: ยังไม่ได้รายงานผล{round} {u.Unreported.Count} โครงการ ได้แก่",
                Items: Names(u.Unreported))
            : new EmailLetter.Part($"สิ่งที่ยังขาด: ยังไม่ได้บันทึกแผนปฏิบัติการป้องกันการทุจริตของ{year} " +
                                   $"กรุณาบันทึกแผน แล้วรายงานผล{round}ของทุกโครงการ");
        var link = u.PlanRecorded
            ? new EmailLetter.Part("บันทึกรายงานผลการดำเนินงาน", $"{baseUrl}/projects/list?fiscalYear={w.FiscalYear}")
            : new EmailLetter.Part("บันทึกแผน", $"{baseUrl}/projects/plan?fiscalYear={w.FiscalYear}");
        return EmailLetter.Compose(email, u.Contact?.CoordinatorFullName ?? $"ผู้ประสานงาน {u.Lao.NameTh}",
            $"E-PlanNACC: แจ้งเตือนกำหนดส่งรายงานผล{round} {year} (ครบกำหนด {ThaiFormat.ShortDate(w.LastDay)})",
            [
                new($"{u.Lao.NameTh} (รหัส {u.Lao.DlaCode}) ยังรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต " +
                    $"{round} {year} ไม่ครบ {when}"),
                missing,
                link,
                new($"ระบบส่งอีเมลแจ้งเตือนนี้ {ReminderSteps.DaysText} " +
                    "ถึงผู้ประสานงานของ อปท. ที่ยังบันทึกแผนหรือรายงานผลไม่ครบ " +
                    "หากรายงานครบแล้ว ไม่ต้องดำเนินการใด ๆ " +
                    "ท่านได้รับอีเมลนี้ในฐานะผู้ประสานงานตามข้อมูลพื้นฐานของ อปท. ในระบบ"),
            ]);
    }

    /// <summary>The day after a round's deadline, to a provincial office: its LAOs still missing.</summary>
    public static EmailMessage ToProvince(StaffContact office, ProvinceName province, RoundPeriod period,
        IReadOnlyList<UnfinishedLao> missing, string baseUrl)
    {
        var (year, round) = (ThaiFormat.FiscalYear(period.FiscalYear), RoundWindow.RoundNameOf(period.Round));
        return EmailLetter.Compose(office.Email, office.DisplayName,
            $"E-PlanNACC: อปท. ในจังหวัด{province.NameTh}ที่ยังรายงานผล{round} {year} ไม่ครบ ({missing.Count} แห่ง)",
            [
                new($"การรายงานผล{round} {year} ครบกำหนดเมื่อวันที่ {ThaiFormat.LongDate(period.Deadline)} " +
                    $"ยังมี อปท. ในจังหวัด{province.NameTh} {missing.Count} แห่งที่บันทึกแผนหรือรายงานผลไม่ครบ:",
                    Items: missing.Select(Line).ToList()),
                new("ดูรายชื่อและส่งอีเมลแจ้งเตือน",
                    $"{baseUrl}/staff/reminders?fiscalYear={period.FiscalYear}&round={period.Round}"),
                new($"ผู้ประสานงานของ อปท. ที่มีอีเมลในระบบได้รับอีเมลแจ้งเตือน {ReminderSteps.DaysText} แล้ว " +
                    "อปท. ที่ได้รับการขยายเวลายังรายงานผลได้จนถึงวันที่ขยายให้"),
            ]);
    }

    /// <summary>One LAO of a province's list: "องค์การบริหารส่วนตำบลเกาะยอ (6900106) อำเภอเมืองสงขลา:
    /// ยังไม่รายงานผล 2 โครงการ, ขยายเวลาถึง ..."</summary>
    public static string Line(UnfinishedLao u) =>
        $"{u.Lao.NameTh} ({u.Lao.DlaCode}) อำเภอ{u.Lao.DistrictNameTh}: {u.MissingText}" +
        (u.Extended ? $", ขยายเวลาถึง {ThaiFormat.ShortDate(u.Window.LastDay)}" : "") +
        (u.Email is null ? ", ไม่มีอีเมลผู้ประสานงานในระบบ" : "");

    private static List<string> Names(IReadOnlyList<string> names) =>
        names.Count <= MaxNames
            ? [.. names]
            : [.. names.Take(MaxNames), $"และอีก {names.Count - MaxNames} โครงการ"];
}
