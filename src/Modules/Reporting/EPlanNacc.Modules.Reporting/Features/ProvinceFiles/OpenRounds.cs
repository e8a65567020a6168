using EPlanNacc.Modules.Projects.Contracts;

namespace EPlanNacc.Modules.Reporting.Features.ProvinceFiles;

/// <summary>The rounds open on a day: from the round's opening day to the last day any LAO may still report in it
/// (its deadline, or the latest extension granted).</summary>
public static class OpenRounds
{
    public static IReadOnlyList<RoundPeriod> On(IEnumerable<RoundCalendar> calendars, DateOnly today) =>
        calendars.SelectMany(calendar => calendar.Rounds.Where(round =>
        {
            var lastDay = calendar.Extensions.Where(e => e.Round == round.Round).Select(e => e.Until)
                .Append(round.Deadline).Max();
            return round.OpensOn <= today && today <= lastDay;
        })).OrderBy(r => r.FiscalYear).ThenBy(r => r.Round).ToList();
}
