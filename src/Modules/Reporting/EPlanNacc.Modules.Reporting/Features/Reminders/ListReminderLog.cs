using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Modules.Identity.Contracts;
using Mediator;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>
/// What was sent for a round in the caller's choice (a province, or the nation for an admin naming none), for the
/// staff's page: per step, how many reminders, how many not sent for want of an address, and what became of their
/// emails in the outbox (sent, waiting, retried after a failure, given up); then the reminders themselves, newest
/// first (at most <see cref="ListReminderLogHandler.MaxItems"/>), or only those with a problem.
/// </summary>
[Allow(Caller.Staff)]
public sealed record ListReminderLogQuery(int FiscalYear, int Round, string? ProvinceCode, bool ProblemsOnly = false)
    : IQuery<ReminderLogView>, IReminderChoice;

/// <param name="Total">Reminders recorded (listed or not).</param>
public sealed record ReminderLogView(IReadOnlyList<ReminderStepSummary> Steps, IReadOnlyList<ReminderLogItem> Items,
    int Total, int Problems);

/// <param name="Reminders">Reminders recorded at this step (one per LAO, or per province for the lists).</param>
/// <param name="NotSent">Of those, how many had no address to go to.</param>
public sealed record ReminderStepSummary(string Step, string Label, DateOnly SentOn, int Reminders, int NotSent,
    int Emails, int Sent, int Pending, int Retrying, int Failed);

/// <param name="Status"><c>sent</c> | <c>pending</c> | <c>retrying</c> | <c>failed</c> (the worst of its emails), or
/// <c>not_sent</c> (no address).</param>
public sealed record ReminderLogItem(
    DateTimeOffset QueuedAt, string Kind, string? DlaCode, string NameTh, string Step, string StepLabel,
    string QueuedBy, string Missing, IReadOnlyList<string> Recipients, string Status, string? LastError,
    DateTimeOffset? SentAt)
{
    public const string NotSent = "not_sent";

    public bool IsProblem => Status is NotSent or EmailStatuses.Failed or EmailStatuses.Retrying;

    public string StatusLabel => Status switch
    {
        EmailStatuses.Sent => "ส่งแล้ว",
        EmailStatuses.Pending => "รอส่ง",
        EmailStatuses.Retrying => "ส่งไม่สำเร็จ กำลังลองใหม่",
        EmailStatuses.Failed => "ส่งไม่สำเร็จ (เลิกลองแล้ว)",
        _ => Kind == ReminderLog.Coordinator
            ? "ไม่ได้ส่ง: ไม่มีอีเมลผู้ประสานงาน"
            : "ไม่ได้ส่ง: ไม่มีบัญชีสำนักงานจังหวัดที่มีอีเมล",
    };
}

public sealed class ListReminderLogValidator : ReminderChoiceValidator<ListReminderLogQuery>;

public sealed class ListReminderLogHandler(DbSession db, ISender sender)
    : IQueryHandler<ListReminderLogQuery, ReminderLogView>
{
    public const int MaxItems = 200;

    // a class: Dapper sets array columns into properties, not into constructor parameters
    private sealed class Row
    {
        public DateTimeOffset QueuedAt { get; init; }
        public string Kind { get; init; } = "";
        public string? DlaCode { get; init; }
        public string NameTh { get; init; } = "";
        public string Step { get; init; } = "";
        public DateOnly SentOn { get; init; }
        public bool? PlanRecorded { get; init; }
        public int? Unreported { get; init; }
        public int? LaoCount { get; init; }
        public string[] Recipients { get; init; } = [];
        public Guid[] EmailIds { get; init; } = [];
        public string QueuedBy { get; init; } = "";
    }

    public async ValueTask<ReminderLogView> Handle(ListReminderLogQuery query, CancellationToken ct)
    {
        var province = await ReminderScope.ProvinceAsync(sender, query.ProvinceCode, ct);
        var rows = await db.QueryAsync<Row>("""
            SELECT queued_at, kind, dla_code, name_th, step, sent_on, plan_recorded, unreported, lao_count, recipients,
                   email_ids, queued_by
            FROM reporting.reminder_log
            WHERE fiscal_year = @FiscalYear AND round = @Round
              AND (@Province::text IS NULL OR province_code = @Province)
            ORDER BY queued_at DESC, name_th
            """, new { query.FiscalYear, Round = (short)query.Round, Province = province?.Code }, ct);
        var states = (await sender.Send(new ListEmailStatesQuery(rows.SelectMany(r => r.EmailIds).ToList()), ct))
            .ToDictionary(s => s.Id);
        IReadOnlyList<EmailState> Of(Row r) =>
            r.EmailIds.Select(states.GetValueOrDefault).OfType<EmailState>().ToList();

        var steps = rows.GroupBy(r => r.Step).Select(g =>
        {
            var emails = g.SelectMany(Of).ToList();
            int Count(string status) => emails.Count(e => e.Status == status);
            return new ReminderStepSummary(g.Key, ReminderSteps.Label(g.Key), g.Min(r => r.SentOn), g.Count(),
                g.Count(r => r.Recipients.Length == 0), emails.Count, Count(EmailStatuses.Sent),
                Count(EmailStatuses.Pending), Count(EmailStatuses.Retrying), Count(EmailStatuses.Failed));
        }).OrderBy(s => s.SentOn).ThenBy(s => s.Step, StringComparer.Ordinal).ToList();

        var items = rows.Select(r => Item(r, Of(r))).ToList();
        var problems = items.Count(i => i.IsProblem);
        return new ReminderLogView(steps,
            items.Where(i => !query.ProblemsOnly || i.IsProblem).Take(MaxItems).ToList(), items.Count, problems);
    }

    private static ReminderLogItem Item(Row r, IReadOnlyList<EmailState> emails)
    {
        // the worst state of its emails; one the outbox no longer knows (or not yet written) counts as waiting
        var status = r.Recipients.Length == 0 ? ReminderLogItem.NotSent
            : new[] { EmailStatuses.Failed, EmailStatuses.Retrying, EmailStatuses.Pending }
                .FirstOrDefault(s => emails.Any(e => e.Status == s))
              ?? (emails.Count < r.EmailIds.Length || r.EmailIds.Length == 0
                  ? EmailStatuses.Pending
                  : EmailStatuses.Sent);
        var missing = r.Kind == ReminderLog.Province ? $"{r.LaoCount} อปท. ที่ยังไม่ครบ"
            : r.PlanRecorded == true ? $"ยังไม่รายงานผล {r.Unreported} โครงการ" : "ยังไม่บันทึกแผน";
        return new ReminderLogItem(r.QueuedAt, r.Kind, r.DlaCode, r.NameTh, r.Step, ReminderSteps.Label(r.Step),
            r.QueuedBy, missing, r.Recipients, status,
            emails.Select(e => e.LastError).FirstOrDefault(e => e is not null),
            emails.Count > 0 && emails.All(e => e.SentAt is not null) ? emails.Max(e => e.SentAt) : null);
    }
}
