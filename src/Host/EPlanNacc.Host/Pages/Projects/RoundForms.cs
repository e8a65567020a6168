using System.ComponentModel.DataAnnotations;
using EPlanNacc.Host.Infrastructure;
using EPlanNacc.Modules.Projects.Features.Rounds;
using Microsoft.AspNetCore.Mvc;

namespace EPlanNacc.Host.Pages.Projects;

/// <summary>A round's opening date and deadline as the admin types them (BE), with the version read.</summary>
public sealed class RoundDatesForm : IVersionedForm
{
    public int Round { get; set; }
    [ModelBinder(typeof(BuddhistDateBinder))] public DateOnly? OpensOn { get; set; }
    [ModelBinder(typeof(BuddhistDateBinder))] public DateOnly? Deadline { get; set; }
    public int? Version { get; set; }

    public SetRoundDatesCommand ToCommand(int fiscalYear) => new(fiscalYear, Round, OpensOn, Deadline, Version);
}

/// <summary>An extension granted from the page: the LAO by its code typed, else the one chosen from the list of its
/// province (by district and name); the last day in BE; the reason.</summary>
public sealed class GrantExtensionForm
{
    public int Round { get; set; }
    public string? DlaCode { get; set; }
    public string? ChosenDlaCode { get; set; }
    [ModelBinder(typeof(BuddhistDateBinder))] public DateOnly? Until { get; set; }
    public string? Reason { get; set; }

    public GrantRoundExtensionCommand ToCommand(int fiscalYear) =>
        new(fiscalYear, Round, string.IsNullOrWhiteSpace(DlaCode) ? ChosenDlaCode : DlaCode, Until, Reason);
}

/// <summary>A revocation from the page, which asks why (the API leaves it optional).</summary>
public sealed class RevokeExtensionForm
{
    public int Round { get; set; }
    public string DlaCode { get; set; } = "";

    [Required(ErrorMessage = "กรุณากรอกเหตุผลของการยกเลิกการขยายเวลา")]
    public string? Reason { get; set; }

    public RevokeRoundExtensionCommand ToCommand(int fiscalYear) => new(fiscalYear, Round, DlaCode, Reason);
}
