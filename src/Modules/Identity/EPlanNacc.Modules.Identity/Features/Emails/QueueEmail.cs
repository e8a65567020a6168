using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Jobs;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Identity.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Identity.Features.Emails;

public sealed class QueueEmailValidator : AbstractValidator<QueueEmailCommand>
{
    public QueueEmailValidator()
    {
        RuleFor(x => x.Message).NotNull().WithMessage("ไม่มีข้อความอีเมลที่จะส่ง");
        RuleFor(x => x.Message.To).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("กรุณาระบุอีเมลผู้รับ")
            .Must(ThaiRules.IsEmail).WithMessage("รูปแบบอีเมลผู้รับไม่ถูกต้อง")
            .When(x => x.Message is not null);
        RuleFor(x => x.Message.Subject).RequiredText("หัวเรื่องอีเมล", ThaiRules.NameMaxLength)
            .When(x => x.Message is not null);
        RuleFor(x => x.Message.TextBody).NotEmpty().WithMessage("กรุณาระบุเนื้อความอีเมล")
            .When(x => x.Message is not null);
        RuleFor(x => x.Message.HtmlBody).NotEmpty().WithMessage("กรุณาระบุเนื้อความอีเมล")
            .When(x => x.Message is not null);
    }
}

/// <summary>Writes the email into the outbox in the caller's transaction and, once it commits, queues the job
/// that sends it (<see cref="SendPendingEmailsCommand"/>).</summary>
public sealed class QueueEmailHandler(DbSession db, IJobScheduler jobs, TimeProvider clock)
    : ICommandHandler<QueueEmailCommand, Guid>
{
    public async ValueTask<Guid> Handle(QueueEmailCommand command, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var m = command.Message;
        await db.ExecuteAsync("""
            INSERT INTO identity.outbound_emails (id, to_address, to_name, subject, html_body, text_body, created_at)
            VALUES (@id, @To, @ToName, @Subject, @HtmlBody, @TextBody, @now)
            """, new { id, m.To, m.ToName, m.Subject, m.HtmlBody, m.TextBody, now = clock.GetUtcNow() }, ct);
        await jobs.EnqueueAfterCommit(db, new SendPendingEmailsCommand());
        return id;
    }
}
