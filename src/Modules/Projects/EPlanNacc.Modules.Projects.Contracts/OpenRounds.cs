using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.Projects.Contracts;

/// <summary>
/// The reporting rounds open on <see cref="Today"/> (a day in Bangkok): those whose opening date is on or before it and
/// whose deadline is on or after it, of any fiscal year (the dates NACC set, else the domain default), ordered by
/// deadline. The same for every caller: a round's dates are national (an LAO's extension is its own, see
/// <see cref="GetRoundCalendarQuery"/>). For the staff desk, and for other modules' handlers and jobs (a job runs as
/// <see cref="SystemUser"/>, an admin).
/// </summary>
[Allow(Caller.Staff)]
public sealed record ListOpenRoundsQuery(DateOnly Today) : IQuery<IReadOnlyList<OpenRoundItem>>;

/// <param name="DaysLeft">Days from <see cref="ListOpenRoundsQuery.Today"/> to the deadline: 0 on the last day.</param>
/// <param name="Extensions">How many LAOs have an extension of this round beyond its deadline.</param>
public sealed record OpenRoundItem(int FiscalYear, int Round, DateOnly OpensOn, DateOnly Deadline, int DaysLeft,
    int Extensions);
