using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Thai;
using EPlanNacc.Modules.Evaluation.Features.Scores;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.Modules.Identity.Features.Sessions;
using EPlanNacc.Modules.Reporting.Features.Batches;
using EPlanNacc.Modules.Reporting.Features.ProvinceFiles;
using EPlanNacc.Modules.Reporting.Features.Reminders;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Every recurring job in one place: its id (as the dashboard at /hangfire shows it), the command it sends and
/// its schedule (cron, Asia/Bangkok). A job holds no logic: it sends its command (docs/conventions.md 13). The sweeps
/// send what a crash between a commit and the job queued after it left pending (docs/conventions.md 16).</summary>
public static class RecurringJobs
{
    public const string NightlyScores = "evaluation-nightly-recalculation";
    public const string PendingScores = "evaluation-pending-recalculations";
    public const string PasswordResetLinks = "identity-password-reset-links";
    public const string PendingEmails = "identity-outbound-emails";
    public const string ExpiredSignInRecords = "identity-expired-sign-in-records";
    public const string ReportBatches = "reporting-report-batches";
    public const string NightlyProvinceReports = "reporting-nightly-province-reports";
    public const string ExpiredReportFiles = "reporting-expired-report-files";
    public const string DeadlineReminders = "reporting-deadline-reminders";

    private const string EveryMinute = "* * * * *";

    /// <summary>Registers (or updates) every recurring job; run once at start-up.</summary>
    public static void Register(IJobScheduler jobs)
    {
        var bangkok = ThaiFormat.BangkokTime;
        // the fiscal years still open (the current one and the one before), every night at 02:00
        jobs.Recurring(NightlyScores, new RecalculateOpenYearsCommand(), "0 2 * * *", bangkok);
        jobs.Recurring(PendingScores, new RecalculatePendingScoresCommand(), EveryMinute, bangkok);
        jobs.Recurring(PasswordResetLinks, new SendPasswordResetLinksCommand(), EveryMinute, bangkok);
        jobs.Recurring(PendingEmails, new SendPendingEmailsCommand(), EveryMinute, bangkok);
        // sessions past their absolute lifetime, counts of unknown names past their window and lock
        jobs.Recurring(ExpiredSignInRecords, new DeleteExpiredSignInRecordsCommand(), "17 * * * *", bangkok);
        // bulk reports a crash or a restart interrupted go on within a minute
        jobs.Recurring(ReportBatches, new ResumeReportBatchesCommand(), EveryMinute, bangkok);
        // the province roll-ups of the open rounds, ready for the morning: after the nightly scores of 02:00
        jobs.Recurring(NightlyProvinceReports, new PregenerateProvinceReportsCommand(), "30 2 * * *", bangkok);
        // zips past their 30 days, and nightly files no longer generated
        jobs.Recurring(ExpiredReportFiles, new DeleteExpiredReportFilesCommand(), "0 4 * * *", bangkok);
        // the reminders of the day (14, 7, 3 and 1 days before each LAO's deadline, the provincial offices' lists the
        // day after a round's deadline), every morning at 08:00 Bangkok time
        jobs.Recurring(DeadlineReminders, new SendDueRemindersCommand(), "0 8 * * *", bangkok);
    }

    /// <summary>The sweeps, run once at start: a process killed in the middle of a job leaves that job with the dead
    /// server until Hangfire's invisibility timeout (30 minutes), but its work is in the database (emails waiting,
    /// batches running, reset requests, scores to recalculate): the sweeps take it up at once
    /// (docs/adr/0027-faults.md).</summary>
    public static void CatchUp(IJobScheduler jobs)
    {
        foreach (var sweep in new[] { PendingEmails, PasswordResetLinks, ReportBatches, PendingScores })
            jobs.TriggerRecurring(sweep);
    }
}
