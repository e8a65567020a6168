namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Profiles;

/// <summary>Page 1 of the basic data: ข้อมูลที่ตั้ง.</summary>
public sealed record ProfileLocation(
    string? ProvinceCode, string? DistrictCode, string? LaoType, string? Size, string? Name, string? OfficeAddress);

/// <summary>Page 2: ข้อมูลพื้นที่และผู้บริหาร. Numbers are taken as decimals so that a fraction or a negative gets
/// a precise Thai message instead of a parse error.</summary>
public sealed record ProfileAreaAndExecutives(
    decimal? ServiceAreaSqKm, decimal? Population, decimal? RevenueExcludingSubsidies, decimal? SubsidyRevenue,
    string? ExecutiveName, string? PermanentSecretaryName);

/// <summary>Page 3: ข้อมูลผู้ประสานงาน.</summary>
public sealed record ProfileCoordinator(
    string? FullName, string? Position, string? Affiliation, string? Phone, string? Mobile, string? Fax,
    string? Email, string? Website);

/// <summary>An LAO's basic data, in the shape of <c>GET /api/v1/me/profile</c>. Before the first save it holds the
/// registry's values (province, district, type, name), <see cref="Completed"/> is false and <see cref="Version"/> 0.
/// The province and district are always the registry's (the LAO cannot change them).</summary>
public sealed record ProfileDetails(
    string DlaCode, ProfileLocation Location, ProfileAreaAndExecutives AreaAndExecutives,
    ProfileCoordinator Coordinator, bool Completed, int Version);

public static class LaoSizes
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["large"] = "ใหญ่", ["medium"] = "กลาง", ["small"] = "เล็ก",
    };
}

/// <summary>The flat row of <c>local_authority_profile.profiles</c> (or the registry's defaults), and the labels
/// of its fields for the change history.</summary>
internal sealed record ProfileRow
{
    public required string DlaCode { get; init; }
    public string? ProvinceCode { get; init; }
    public string? DistrictCode { get; init; }
    public string? LaoType { get; init; }
    public string? Size { get; init; }
    public string? Name { get; init; }
    public string? OfficeAddress { get; init; }
    public decimal? ServiceAreaSqKm { get; init; }
    public decimal? Population { get; init; }
    public decimal? RevenueExcludingSubsidies { get; init; }
    public decimal? SubsidyRevenue { get; init; }
    public string? ExecutiveName { get; init; }
    public string? PermanentSecretaryName { get; init; }
    public string? CoordinatorFullName { get; init; }
    public string? CoordinatorPosition { get; init; }
    public string? CoordinatorAffiliation { get; init; }
    public string? CoordinatorPhone { get; init; }
    public string? CoordinatorMobile { get; init; }
    public string? CoordinatorFax { get; init; }
    public string? CoordinatorEmail { get; init; }
    public string? Website { get; init; }
    public bool Completed { get; init; }
    public int Version { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
    public string? RegistryName { get; init; }
    public string? RegistryLaoType { get; init; }
    /// <summary>The account was reset by staff since the last
    /// save: the set-up wizard starts from the registry.</summary>
    public bool ResetPending { get; init; }

    public const string SelectSql = """
        SELECT r.dla_code AS DlaCode,
               r.province_code AS ProvinceCode,
               r.district_code AS DistrictCode,
               coalesce(p.lao_type, r.lao_type) AS LaoType,
               p.size AS Size,
               coalesce(p.name, r.name_th) AS Name,
               p.office_address AS OfficeAddress,
               p.service_area_sq_km AS ServiceAreaSqKm,
               p.population::numeric AS Population,
               p.revenue_excluding_subsidies AS RevenueExcludingSubsidies,
               p.subsidy_revenue AS SubsidyRevenue,
               p.executive_name AS ExecutiveName,
               p.permanent_secretary_name AS PermanentSecretaryName,
               p.coordinator_full_name AS CoordinatorFullName,
               p.coordinator_position AS CoordinatorPosition,
               p.coordinator_affiliation AS CoordinatorAffiliation,
               p.coordinator_phone AS CoordinatorPhone,
               p.coordinator_mobile AS CoordinatorMobile,
               p.coordinator_fax AS CoordinatorFax,
               p.coordinator_email AS CoordinatorEmail,
               p.website AS Website,
               (p.dla_code IS NOT NULL) AS Completed,
               coalesce(p.version, 0) AS Version,
               p.updated_at AS UpdatedAt,
               p.updated_by AS UpdatedBy,
               r.name_th AS RegistryName,
               r.lao_type AS RegistryLaoType,
               (p.reset_at IS NOT NULL) AS ResetPending
        FROM local_authority_profile.registry_laos r
        LEFT JOIN local_authority_profile.profiles p ON p.dla_code = r.dla_code
        WHERE r.dla_code = @DlaCode
        """;

    /// <summary>What the registry alone says of the LAO (the wizard of a first set-up, also after a staff reset: the
    /// previous coordinator's details are not shown to the new session; they stay in the history). The version stays,
    /// so that the new save replaces the old profile.</summary>
    public ProfileRow RegistryOnly() => new()
    {
        DlaCode = DlaCode, ProvinceCode = ProvinceCode, DistrictCode = DistrictCode, LaoType = RegistryLaoType,
        Name = RegistryName, Version = Version,
    };

    public ProfileDetails ToDetails() => new(
        DlaCode,
        new ProfileLocation(ProvinceCode, DistrictCode, LaoType, Size, Name, OfficeAddress),
        new ProfileAreaAndExecutives(ServiceAreaSqKm, Population, RevenueExcludingSubsidies, SubsidyRevenue,
            ExecutiveName, PermanentSecretaryName),
        new ProfileCoordinator(CoordinatorFullName, CoordinatorPosition, CoordinatorAffiliation, CoordinatorPhone,
            CoordinatorMobile, CoordinatorFax, CoordinatorEmail, Website),
        Completed, Version);

    /// <summary>Each field with its Thai label and its value as text, for the history of changes.</summary>
    public IEnumerable<(string Field, string Label, string? Value)> Fields()
    {
        yield return ("location.provinceCode", "จังหวัด", ProvinceCode);
        yield return ("location.districtCode", "อำเภอ", DistrictCode);
        yield return ("location.laoType", "ประเภท อปท.", LaoType);
        yield return ("location.size", "ขนาด", Size);
        yield return ("location.name", "ชื่อ อปท.", Name);
        yield return ("location.officeAddress", "ที่ตั้งที่ทำการ", OfficeAddress);
        yield return ("areaAndExecutives.serviceAreaSqKm", "ขนาดพื้นที่ให้บริการ (ตร.กม.)",
            ServiceAreaSqKm?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        yield return ("areaAndExecutives.population", "ประชากรในพื้นที่",
            Population?.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
        yield return ("areaAndExecutives.revenueExcludingSubsidies", "รายได้ไม่รวมเงินอุดหนุน",
            RevenueExcludingSubsidies?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        yield return ("areaAndExecutives.subsidyRevenue", "รายได้จากเงินอุดหนุน",
            SubsidyRevenue?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        yield return ("areaAndExecutives.executiveName", "ชื่อผู้บริหารท้องถิ่น", ExecutiveName);
        yield return ("areaAndExecutives.permanentSecretaryName", "ชื่อปลัดองค์กรปกครองส่วนท้องถิ่น",
            PermanentSecretaryName);
        yield return ("coordinator.fullName", "ชื่อ-สกุลผู้ประสานงาน", CoordinatorFullName);
        yield return ("coordinator.position", "ตำแหน่ง", CoordinatorPosition);
        yield return ("coordinator.affiliation", "สังกัด", CoordinatorAffiliation);
        yield return ("coordinator.phone", "โทรศัพท์", CoordinatorPhone);
        yield return ("coordinator.mobile", "โทรศัพท์เคลื่อนที่", CoordinatorMobile);
        yield return ("coordinator.fax", "โทรสาร", CoordinatorFax);
        yield return ("coordinator.email", "อีเมล", CoordinatorEmail);
        yield return ("coordinator.website", "เว็บไซต์ อปท.", Website);
    }
}
