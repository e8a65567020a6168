using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

namespace EPlanNacc.Host.Pages.LocalAuthorityProfile;

/// <summary>The three pages of basic data as one form, bound from the page and sent as
/// <see cref="SaveMyProfileCommand"/>.</summary>
public sealed class ProfileForm : IVersionedForm
{
    public ProfileLocationForm Location { get; set; } = new();
    public ProfileAreaForm AreaAndExecutives { get; set; } = new();
    public ProfileCoordinatorForm Coordinator { get; set; } = new();
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>The version of the basic data the form was opened at (0 before the first save).</summary>
    public int? Version { get; set; }

    public static ProfileForm From(ProfileDetails profile)
    {
        var (l, a, c) = (profile.Location, profile.AreaAndExecutives, profile.Coordinator);
        return new ProfileForm
        {
            Location = new ProfileLocationForm
            {
                LaoType = l.LaoType, Size = l.Size, Name = l.Name, OfficeAddress = l.OfficeAddress,
            },
            AreaAndExecutives = new ProfileAreaForm
            {
                ServiceAreaSqKm = a.ServiceAreaSqKm, Population = a.Population,
                RevenueExcludingSubsidies = a.RevenueExcludingSubsidies, SubsidyRevenue = a.SubsidyRevenue,
                ExecutiveName = a.ExecutiveName, PermanentSecretaryName = a.PermanentSecretaryName,
            },
            Coordinator = new ProfileCoordinatorForm
            {
                FullName = c.FullName, Position = c.Position, Affiliation = c.Affiliation, Phone = c.Phone,
                Mobile = c.Mobile, Fax = c.Fax, Email = c.Email, Website = c.Website,
            },
            Version = profile.Version,
        };
    }

    /// <summary>The save; the province and district are the registry's, never the form's.</summary>
    public SaveMyProfileCommand ToCommand(string userAgent)
    {
        var (l, a, c) = (Location, AreaAndExecutives, Coordinator);
        return new SaveMyProfileCommand(
            new ProfileLocation(null, null, l.LaoType, l.Size, l.Name, l.OfficeAddress),
            new ProfileAreaAndExecutives(a.ServiceAreaSqKm, a.Population, a.RevenueExcludingSubsidies, a.SubsidyRevenue,
                a.ExecutiveName, a.PermanentSecretaryName),
            new ProfileCoordinator(c.FullName, c.Position, c.Affiliation, c.Phone, c.Mobile, c.Fax, c.Email, c.Website),
            Password, userAgent, Version);
    }
}

/// <summary>Page 1 without the province and district: they are the registry's and shown read-only.</summary>
public sealed class ProfileLocationForm
{
    public string? LaoType { get; set; }
    public string? Size { get; set; }
    public string? Name { get; set; }
    public string? OfficeAddress { get; set; }
}

public sealed class ProfileAreaForm
{
    public decimal? ServiceAreaSqKm { get; set; }
    public decimal? Population { get; set; }
    public decimal? RevenueExcludingSubsidies { get; set; }
    public decimal? SubsidyRevenue { get; set; }
    public string? ExecutiveName { get; set; }
    public string? PermanentSecretaryName { get; set; }
}

public sealed class ProfileCoordinatorForm
{
    public string? FullName { get; set; }
    public string? Position { get; set; }
    public string? Affiliation { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Fax { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
}
