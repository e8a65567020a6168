using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Validation;
using EPlanNacc.Modules.Projects.Contracts;
using FluentValidation;
using Mediator;

namespace EPlanNacc.Modules.Projects.Features.Rounds;

public sealed class GetRoundCalendarValidator : AbstractValidator<GetRoundCalendarQuery>
{
    public GetRoundCalendarValidator() => RuleFor(x => x.FiscalYear).ValidFiscalYear();
}

public sealed class GetRoundCalendarHandler(DbSession db) : IQueryHandler<GetRoundCalendarQuery, RoundCalendar>
{
    public async ValueTask<RoundCalendar> Handle(GetRoundCalendarQuery query, CancellationToken ct) =>
        await RoundCalendarStore.LoadAsync(db, query.FiscalYear, query.DlaCodes, ct);
}
