using System.Data;
using EPlanNacc.BuildingBlocks.Email;
using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Identity.Contracts;
using EPlanNacc.Modules.Identity.Features.Emails;
using EPlanNacc.Modules.Identity.Features.Passwords;
using EPlanNacc.TestSupport;
using Mediator;

namespace EPlanNacc.IntegrationTests.Identity;

/// <summary>Emails leave only after the transaction that wrote them commits, through the outbox
/// (identity.outbound_emails) and a job; a mail server that is down delays them, never loses them; and the
/// forgot-password request does the same work whether or not the address is known.</summary>
[Trait(AnyDay.Trait, AnyDay.Value)]
public sealed class EmailOutboxTests(AppFixture app) : IntegrationTest(app)
{
    private const string Email = "koh.yo.coordinator@example.go.th";
    private const string Unknown = "nobody@example.go.th";

    private static readonly EmailMessage Notice =
        new("someone@example.go.th", "E-PlanNACC: แจ้งเตือน", "<p>ทดสอบ</p>", "ทดสอบ", "ผู้รับ");

    private sealed record OutboxRow(
        DateTime? SentAt, int Attempts, string? LastError, string? HtmlBody, string? TextBody);

    private Task<IReadOnlyList<OutboxRow>> OutboxAsync(string to) => App.QueryAsync<OutboxRow>("""
        SELECT sent_at, attempts, last_error, html_body, text_body FROM identity.outbound_emails WHERE to_address = @to
        """, new { to });

    private Task<OutboxRow> OutboxRowWhenAsync(string to, Func<OutboxRow, bool> done, string what) =>
        Eventually.Async(async () => (await OutboxAsync(to)).SingleOrDefault()!, r => r is not null && done(r), what);

    /// <summary>As if time had passed since the last attempts (the pause before a retry), without waiting.</summary>
    private Task MoveLastAttemptsBackAsync(string interval) => App.ExecuteAsync(
        "UPDATE identity.outbound_emails SET last_attempt_at = last_attempt_at - @interval::interval",
        new { interval });

    [Fact]
    public async Task A_reset_link_is_emailed_only_after_the_request_commits()
    {
        await App.SetUpLaoAsync(email: Email);
        await using var request = await TestTransaction.BeginAsync(App, TestUser.Anonymous);
        await request.SendAsync(new RequestPasswordResetCommand(Email));
        Assert.Empty(request.EnqueuedJobs);
        Assert.Empty(App.Mailbox.Messages);

        await request.CommitAsync();
        Assert.Equal([new SendPasswordResetLinksCommand()], request.EnqueuedJobs);
        var mail = await App.Mailbox.WaitForAsync(Email);
        Assert.Equal("E-PlanNACC: ตั้งรหัสผ่านใหม่", mail.Subject);
        // recorded as sent; its bodies, with the link's token, are no longer kept
        var sent = await OutboxRowWhenAsync(Email, r => r.SentAt is not null, "the email recorded as sent");
        Assert.Equal((1, null, null, null), (sent.Attempts, sent.LastError, sent.HtmlBody, sent.TextBody));
    }

    [Fact]
    public async Task Any_command_queues_an_email_in_its_transaction_and_it_leaves_after_the_commit()
    {
        await using var command = await TestTransaction.BeginAsync(App, SystemUser.Instance);
        await command.SendAsync(new QueueEmailCommand(Notice));
        Assert.Empty(await OutboxAsync(Notice.To)); // not visible outside the transaction
        Assert.Empty(command.EnqueuedJobs);

        await command.CommitAsync();
        Assert.Equal([new SendPendingEmailsCommand()], command.EnqueuedJobs);
        var mail = await App.Mailbox.WaitForAsync(Notice.To);
        Assert.Equal((Notice.Subject, Notice.TextBody), (mail.Subject, mail.TextBody?.Trim()));
    }

    [Fact]
    public async Task A_request_that_rolls_back_sends_nothing()
    {
        await App.SetUpLaoAsync(email: Email);
        await using (var request = await TestTransaction.BeginAsync(App, TestUser.Anonymous))
        {
            await request.SendAsync(new RequestPasswordResetCommand(Email));
            await request.SendAsync(new QueueEmailCommand(Notice with { To = Email }));
            await request.RollbackAsync();
            Assert.Empty(request.EnqueuedJobs);
        }
        // the sweeps find nothing left behind
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPasswordResetLinksCommand()));
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
        Assert.Empty(App.Mailbox.Messages);
        Assert.Empty(await App.QueryAsync<Guid>("SELECT user_id FROM identity.password_reset_tokens"));
    }

    [Fact]
    public async Task An_email_that_meets_a_mail_server_down_stays_pending_and_a_later_sweep_sends_it()
    {
        await App.SetUpLaoAsync(email: Email);
        using (App.Mailbox.Refuse())
        {
            await App.SendAsync(TestUser.Anonymous, new RequestPasswordResetCommand(Email));
            var failed = await OutboxRowWhenAsync(Email, r => r.Attempts >= 1, "a failed attempt recorded");
            Assert.Null(failed.SentAt);
            Assert.Contains("service not available", failed.LastError);
            Assert.NotNull(failed.TextBody);
            // within the pause after a failure (a minute), a drain leaves it alone
            Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
            Assert.Equal(failed.Attempts, (await OutboxAsync(Email)).Single().Attempts);
        }
        Assert.Empty(App.Mailbox.Messages);

        // later: the pause is over (the last attempt is moved back an hour rather than waited for) and the server is up
        await MoveLastAttemptsBackAsync("1 hour");
        App.TriggerRecurring(RecurringJobs.PendingEmails);
        var mail = await App.Mailbox.WaitForAsync(Email);
        Assert.Contains("reset-password?token=", mail.TextBody);
        var sent = await OutboxRowWhenAsync(Email, r => r.SentAt is not null, "the email recorded as sent");
        Assert.True(sent.Attempts >= 2, $"{sent.Attempts} attempts");
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_mail_server_that_never_answers_is_given_up_after_the_timeout_and_the_email_goes_once_later()
    {
        using var drains = App.HoldJobs<SendPendingEmailsCommand>();
        await App.SendAsync(SystemUser.Instance, new QueueEmailCommand(Notice));
        using (App.Mailbox.Hang())
        {
            // the server accepts the message and never answers: the drain gives up after Email:SmtpTimeoutSeconds
            // (5 s in the test host), not after MailKit's two minutes, and the email keeps its place
            var drain = App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand());
            Assert.True(await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(40))) == drain,
                "the drain still waits for a mail server that does not answer");
            var failed = await OutboxRowWhenAsync(Notice.To, r => r.Attempts >= 1, "a failed attempt recorded");
            Assert.Null(failed.SentAt);
            Assert.NotNull(failed.LastError);
            Assert.NotNull(failed.TextBody);
        }
        Assert.Empty(App.Mailbox.Messages);

        await MoveLastAttemptsBackAsync("1 hour");
        await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand());
        await App.Mailbox.WaitForAsync(Notice.To);
        var sent = await OutboxRowWhenAsync(Notice.To, r => r.SentAt is not null, "the email recorded as sent");
        Assert.Null(sent.LastError);
        Assert.Single(App.Mailbox.To(Notice.To));
    }

    [Fact]
    public async Task A_drain_that_meets_the_mail_server_down_stops_there_and_the_others_keep_their_turn()
    {
        using var drains = App.HoldJobs<SendPendingEmailsCommand>();
        string[] to = ["first@example.go.th", "second@example.go.th", "third@example.go.th"];
        foreach (var address in to)
            await App.SendAsync(SystemUser.Instance, new QueueEmailCommand(Notice with { To = address }));
        using (App.Mailbox.Refuse())
            Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
        // one attempt spent on the server that refuses, not one per email
        Assert.Equal([1, 0, 0], await App.QueryAsync<int>(
            "SELECT attempts FROM identity.outbound_emails ORDER BY created_at"));

        // the server is back: the two that waited go at once, the first after its pause, each once
        Assert.Equal(2, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
        await MoveLastAttemptsBackAsync("1 hour");
        Assert.Equal(1, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
        Assert.All(to, address => Assert.Single(App.Mailbox.To(address)));
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
    }

    [Fact]
    public async Task An_email_is_given_up_after_its_last_attempt()
    {
        using (App.Mailbox.Refuse())
        {
            await App.SendAsync(SystemUser.Instance, new QueueEmailCommand(Notice));
            await OutboxRowWhenAsync(Notice.To, r => r.Attempts >= 1, "a failed attempt recorded");
            // as if every attempt but the last had failed, the last one long ago
            await App.ExecuteAsync("UPDATE identity.outbound_emails SET attempts = @Attempts",
                new { Attempts = SendPendingEmailsHandler.MaxAttempts - 1 });
            await MoveLastAttemptsBackAsync("1 day");
            Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
        }
        await MoveLastAttemptsBackAsync("1 day");

        // the server is up again, but the email was given up: it stays, with its error, for someone to look at
        Assert.Equal(0, await App.SendAsync(SystemUser.Instance, new SendPendingEmailsCommand()));
        var row = (await OutboxAsync(Notice.To)).Single();
        Assert.Equal((SendPendingEmailsHandler.MaxAttempts, null), (row.Attempts, row.SentAt));
        Assert.Contains("service not available", row.LastError);
        Assert.Empty(App.Mailbox.Messages);
    }

    [Fact]
    public async Task A_known_and_an_unknown_address_do_the_same_work_while_the_request_is_answered()
    {
        await App.SetUpLaoAsync(email: Email);
        var known = await RequestPathAsync(Email);
        var unknown = await RequestPathAsync(Unknown);

        Assert.Equal(["identity.password_reset_requests +1"], known.Rows);
        Assert.Equal(known.Rows, unknown.Rows);
        Assert.Equal([new SendPasswordResetLinksCommand()], known.Jobs);
        Assert.Equal(known.Jobs, unknown.Jobs);
        // the job, later, tells them apart: a link for the known address only
        await App.Mailbox.WaitForAsync(Email);
        await Eventually.Async(() => App.QueryAsync<Guid>("SELECT id FROM identity.password_reset_requests"),
            r => r.Count == 0, "every request handled");
        Assert.Empty(App.Mailbox.To(Unknown));
    }

    /// <summary>What the request writes, counted per table of every module schema inside its transaction (a snapshot:
    /// jobs committing meanwhile are not seen), and the jobs it queues at its commit.</summary>
    private async Task<(IReadOnlyList<string> Rows, IReadOnlyList<IBaseCommand> Jobs)> RequestPathAsync(string email)
    {
        await using var request =
            await TestTransaction.BeginAsync(App, TestUser.Anonymous, IsolationLevel.RepeatableRead);
        var before = await RowCountsAsync(request);
        await request.SendAsync(new RequestPasswordResetCommand(email));
        var after = await RowCountsAsync(request);
        await request.CommitAsync();
        var rows = after.Where(a => a.Value != before[a.Key])
            .Select(a => $"{a.Key} {a.Value - before[a.Key]:+0;-0}").ToList();
        return (rows, request.EnqueuedJobs);
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(TestTransaction transaction)
    {
        var tables = await transaction.Db.QueryAsync<string>("""
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_schema = ANY(@Schemas) AND table_type = 'BASE TABLE' ORDER BY 1
            """, new { Schemas = AppFixture.ModuleSchemas });
        var counts = await transaction.Db.QueryAsync<(string Table, long Rows)>(
            string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}', count(*) FROM {t}")));
        return counts.ToDictionary(c => c.Table, c => c.Rows);
    }
}
