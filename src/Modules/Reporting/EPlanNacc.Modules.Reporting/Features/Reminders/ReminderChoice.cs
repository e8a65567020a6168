using EPlanNacc.BuildingBlocks.Security;
using EPlanNacc.BuildingBlocks.Validation;
using FluentValidation;

namespace EPlanNacc.Modules.Reporting.Features.Reminders;

/// <summary>What every staff message of the reminders names: a fiscal year, a round, and a province (none: a
/// provincial office's own, or the nation for an admin), checked before the handler runs as every
/// <see cref="IProvinceOrNationScoped"/> message is.</summary>
public interface IReminderChoice : IProvinceOrNationScoped
{
    int FiscalYear { get; }
    int Round { get; }
}

/// <summary>The rules of <see cref="IReminderChoice"/>, which each message's validator extends.</summary>
public abstract class ReminderChoiceValidator<T> : AbstractValidator<T> where T : IReminderChoice
{
    protected ReminderChoiceValidator()
    {
        RuleFor(x => x.FiscalYear).ValidFiscalYear();
        RuleFor(x => x.Round).ValidRound();
        RuleFor(x => x.ProvinceCode).ProvinceCodeOrEmpty();
    }
}
