using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// The reporting rounds open on a day (Bangkok; today when none is given), of every fiscal year, with the days left
/// to their deadline, soonest deadline first: the staff desk's open rounds, and what other modules and jobs need of
/// them. A round is open from its opening date to its deadline, both included, at the dates NACC set (else the
/// domain default). An LAO's extension is not counted here: <see cref="GetRoundCalendarQuery"/> has them. Round dates
/// are public (the manual states them), so anyone may ask.
/// </summary>
[Allow(Caller.Anyone)]
public sealed record ListOpenRoundsQuery(DateOnly? On = null) : IQuery<IReadOnlyList<OpenRound>>;

/// <param name="DaysLeft">Days from the day asked to the deadline: 0 on the deadline itself.</param>
public sealed record OpenRound(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline, int DaysLeft)
{
    public RoundWindow Window => new(FiscalYear, Round, OpensOn, Deadline);
}
