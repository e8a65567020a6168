using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

public enum ReminderOutcome
{
    /// <summary>Already done: this LAO had this step's reminder (or one today for the round), this province its
    /// list.</summary>
    AlreadyDone,
    /// <summary>Recorded as due but not sent: no address to send it to (a province's list).</summary>
    NoAddress,
    /// <summary>Recorded, and its emails queued in the outbox.</summary>
    Queued,
}

/// <summary>
/// The send log (reporting.reminder_log), written in the caller's transaction together with the emails it queues in
/// the Identity module's outbox: the row first, whose unique keys refuse a reminder already given (a second run, or a
/// run at the same time, which waits for the first to commit and then finds its row), then the emails, then their
/// ids. A run that dies before its commit leaves neither row nor email, and the next run sends them once.
/// </summary>
internal static class ReminderLog
{
    /// <summary>The kinds of reminders: to an LAO's coordinator, and a province's list to its office.</summary>
    public const string Coordinator = "coordinator";
    public const string Province = "province";

    /// <summary>The audit trail's action of a send (by staff, or the morning job's in a province).</summary>
    public const string SentAction = "reminders.sent";

    /// <summary>The audit's detail of a send by staff: "ส่งอีเมลแจ้งเตือนรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570
    /// (จังหวัดสงขลา) 12 ฉบับ จาก อปท. ที่ยังไม่ครบ 14 แห่ง".</summary>
    public static string Describe(int queued, int unfinished, int fiscalYear, int round, string scope) =>
        $"ส่งอีเมลแจ้งเตือน{ThaiFormat.RoundName(round)} {ThaiFormat.FiscalYear(fiscalYear)} ({scope}) " +
        $"{queued} ฉบับ จาก อปท. ที่ยังไม่ครบ {unfinished} แห่ง";

    public sealed record Entry(
        string Kind, string? DlaCode, string ProvinceCode, string NameTh, int FiscalYear, int Round, string Step,
        DateOnly SentOn, DateOnly Deadline, bool? PlanRecorded, int? Unreported, int? LaoCount);

    public static Entry ForLao(UnfinishedLao u, string step, DateOnly today) =>
        new(Coordinator, u.Lao.DlaCode, u.Lao.ProvinceCode, u.Lao.NameTh, u.Window.FiscalYear, u.Window.Round, step,
            today, u.Window.LastDay, u.PlanRecorded, u.Unreported.Count, null);

    public static async Task<ReminderOutcome> RecordAsync(DbSession db, ISender sender, Entry entry,
        IReadOnlyList<EmailMessage> emails, string by, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var inserted = await db.ExecuteAsync("""
            INSERT INTO reporting.reminder_log (id, kind, dla_code, province_code, name_th, fiscal_year, round, step,
                sent_on, deadline, plan_recorded, unreported, lao_count, recipients, queued_at, queued_by)
            VALUES (@id, @Kind, @DlaCode, @ProvinceCode, @NameTh, @FiscalYear, @Round, @Step, @SentOn, @Deadline,
                @PlanRecorded, @Unreported, @LaoCount, @recipients, @now, @by)
            ON CONFLICT DO NOTHING
            """, new
        {
            id, entry.Kind, entry.DlaCode, entry.ProvinceCode, entry.NameTh, entry.FiscalYear,
            Round = (short)entry.Round, entry.Step, entry.SentOn, entry.Deadline, entry.PlanRecorded,
            entry.Unreported, entry.LaoCount, recipients = emails.Select(e => e.To).ToArray(), now, by,
        }, ct);
        if (inserted == 0) return ReminderOutcome.AlreadyDone;
        if (emails.Count == 0) return ReminderOutcome.NoAddress;
        var ids = new List<Guid>();
        foreach (var email in emails) ids.Add(await sender.Send(new QueueEmailCommand(email), ct));
        await db.ExecuteAsync("UPDATE reporting.reminder_log SET email_ids = @ids WHERE id = @id",
            new { id, ids = ids.ToArray() }, ct);
        return ReminderOutcome.Queued;
    }
}
