using EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

namespace EPlanNacc.TestSupport;

/// <summary>Real LAOs of the registry the tests use, and valid basic data for them.</summary>
public static class Samples
{
    /// <summary>องค์การบริหารส่วนตำบลเกาะยอ, อำเภอเมืองสงขลา, Songkhla (90).</summary>
    public const string KohYo = "6900106";
    /// <summary>องค์การบริหารส่วนตำบลคลองรี, อำเภอสทิงพระ, Songkhla (90).</summary>
    public const string KhlongRi = "6900202";
    /// <summary>เทศบาลนครเชียงใหม่, Chiang Mai (50): outside prov90's scope.</summary>
    public const string ChiangMaiCity = "3500102";

    public const string Password = "koh-yo-plan-2569";

    public static ProfileLocation Location(string dlaCode = KohYo) => dlaCode switch
    {
        KhlongRi => new("90", "9002", "sao", "small", "องค์การบริหารส่วนตำบลคลองรี",
            "หมู่ที่ 1 ตำบลคลองรี อำเภอสทิงพระ จังหวัดสงขลา 90190"),
        ChiangMaiCity => new("50", "5001", "city_municipality", "large", "เทศบาลนครเชียงใหม่",
            "1 ถนนวังสิงห์คำ ตำบลช้างม่อย อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50300"),
        _ => new("90", "9001", "sao", "medium", "องค์การบริหารส่วนตำบลเกาะยอ",
            "หมู่ที่ 2 ตำบลเกาะยอ อำเภอเมืองสงขลา จังหวัดสงขลา 90100"),
    };

    public static ProfileAreaAndExecutives Area() =>
        new(48.5m, 10234m, 15_000_000.00m, 22_000_000.00m, "นายสมชาย ใจดี", "นางสาวสมหญิง รักษ์ดี");

    public static ProfileCoordinator Coordinator(string email = "coordinator@kohyo.go.th") =>
        new("นายประสาน งานดี", "นักวิเคราะห์นโยบายและแผนชำนาญการ", "สำนักปลัด", "074-123-456 ต่อ 12", "081-234-5678",
            "074-123-457", email, "www.kohyo.go.th");

    /// <summary>The basic-data form's fields (pages /profile and /setup) as a browser posts
    /// <paramref name="profile"/>, without the password of a first set-up.</summary>
    public static List<(string, object?)> ProfileFormFields(SaveMyProfileCommand profile)
    {
        var (l, a, c) = (profile.Location!, profile.AreaAndExecutives!, profile.Coordinator!);
        return
        [
            ("Input.Location.LaoType", l.LaoType), ("Input.Location.Size", l.Size), ("Input.Location.Name", l.Name),
            ("Input.Location.OfficeAddress", l.OfficeAddress),
            ("Input.AreaAndExecutives.ServiceAreaSqKm", a.ServiceAreaSqKm),
            ("Input.AreaAndExecutives.Population", a.Population),
            ("Input.AreaAndExecutives.RevenueExcludingSubsidies", a.RevenueExcludingSubsidies),
            ("Input.AreaAndExecutives.SubsidyRevenue", a.SubsidyRevenue),
            ("Input.AreaAndExecutives.ExecutiveName", a.ExecutiveName),
            ("Input.AreaAndExecutives.PermanentSecretaryName", a.PermanentSecretaryName),
            ("Input.Coordinator.FullName", c.FullName), ("Input.Coordinator.Position", c.Position),
            ("Input.Coordinator.Affiliation", c.Affiliation), ("Input.Coordinator.Phone", c.Phone),
            ("Input.Coordinator.Mobile", c.Mobile), ("Input.Coordinator.Fax", c.Fax),
            ("Input.Coordinator.Email", c.Email), ("Input.Coordinator.Website", c.Website),
        ];
    }

    public static SaveMyProfileCommand Profile(string dlaCode = KohYo, string? password = Password,
        string? email = null) =>
        new(Location(dlaCode), Area(), Coordinator(email ?? $"coordinator{dlaCode}@example.go.th"), password);

    /// <summary>The JSON body of PUT /api/v1/me/profile, as docs/api.md shows it.</summary>
    public static object ProfileJson(string dlaCode = KohYo, string? password = Password, string? email = null)
    {
        var p = Profile(dlaCode, password, email);
        return new
        {
            location = p.Location, areaAndExecutives = p.AreaAndExecutives, coordinator = p.Coordinator,
            password = p.Password,
        };
    }
}
