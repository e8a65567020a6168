using EPlanNacc.BuildingBlocks.Data;
using EPlanNacc.BuildingBlocks.Modules;
using EPlanNacc.BuildingBlocks.Security;
using Mediator;

namespace EPlanNacc.Modules.LocalAuthorityProfile.Features.Registry;

/// <summary>Loads the provinces, districts and the DLA registry of LAOs from the embedded reference files,
/// idempotently (insert the new, update the changed), then re-applies the location corrections made by NACC staff.
/// Profiles, which keep each LAO's own values, are untouched. Records the checksum of what it loaded
/// (<see cref="RegistryFile"/>), so that a start with the same file skips it.</summary>
[Allow(Caller.Module)]
public sealed record LoadRegistryCommand : ICommand<RegistryLoaded>;

public sealed record RegistryLoaded(int Provinces, int Districts, int Laos);

public sealed class LoadRegistryHandler(DbSession db, TimeProvider clock)
    : ICommandHandler<LoadRegistryCommand, RegistryLoaded>
{
    private static readonly Dictionary<string, string> TypeByRegistryLabel = new()
    {
        ["อบจ."] = "pao", ["เทศบาลนคร"] = "city_municipality", ["เทศบาลเมือง"] = "town_municipality",
        ["เทศบาลตำบล"] = "subdistrict_municipality", ["อบต."] = "sao", ["เมืองพัทยา"] = "pattaya",
    };

    public async ValueTask<RegistryLoaded> Handle(LoadRegistryCommand command, CancellationToken ct)
    {
        var assembly = typeof(LoadRegistryHandler).Assembly;
        var provinces = EmbeddedData.ReadCsv(assembly, RegistryFile.Provinces);
        var districts = EmbeddedData.ReadCsv(assembly, RegistryFile.Districts);
        var laos = EmbeddedData.ReadCsv(assembly, RegistryFile.Laos);

        await db.ExecuteAsync("""
            INSERT INTO local_authority_profile.provinces (code, name_th, name_en)
            SELECT * FROM unnest(@Codes, @NamesTh, @NamesEn)
            ON CONFLICT (code) DO UPDATE SET name_th = excluded.name_th, name_en = excluded.name_en
            WHERE (local_authority_profile.provinces.name_th, local_authority_profile.provinces.name_en)
                  IS DISTINCT FROM (excluded.name_th, excluded.name_en)
            """,
            new { Codes = Col(provinces, 0), NamesTh = Col(provinces, 1), NamesEn = Col(provinces, 2) }, ct);

        await db.ExecuteAsync("""
            INSERT INTO local_authority_profile.districts (code, province_code, name_th, name_en)
            SELECT * FROM unnest(@Codes, @Provinces, @NamesTh, @NamesEn)
            ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code, name_th = excluded.name_th,
                name_en = excluded.name_en
            WHERE (local_authority_profile.districts.province_code, local_authority_profile.districts.name_th,
                   local_authority_profile.districts.name_en)
                  IS DISTINCT FROM (excluded.province_code, excluded.name_th, excluded.name_en)
            """,
            new
            {
                Codes = Col(districts, 0), Provinces = Col(districts, 1), NamesTh = Col(districts, 2),
                NamesEn = Col(districts, 3),
            }, ct);

        // laos.csv: dla_code,name_th,type,province_code,district_code,name_short_th,district_name_th_source
        var types = laos.Select(r => TypeByRegistryLabel.TryGetValue(r[2], out var t)
            ? t : throw new InvalidOperationException($"Unknown LAO type '{r[2]}' for {r[0]}")).ToArray();
        await db.ExecuteAsync("""
            INSERT INTO local_authority_profile.registry_laos AS r
                (dla_code, name_th, name_short_th, lao_type, province_code, district_code)
            SELECT * FROM unnest(@Codes, @Names, @ShortNames, @Types, @Provinces, @Districts)
            ON CONFLICT (dla_code) DO UPDATE SET name_th = excluded.name_th, name_short_th = excluded.name_short_th,
                lao_type = excluded.lao_type, province_code = excluded.province_code,
                district_code = excluded.district_code
            WHERE (r.name_th, r.name_short_th, r.lao_type, r.province_code, r.district_code)
                  IS DISTINCT FROM (excluded.name_th, excluded.name_short_th, excluded.lao_type, excluded.province_code,
                                    excluded.district_code)
            """,
            new
            {
                Codes = Col(laos, 0), Names = Col(laos, 1), ShortNames = Col(laos, 5), Types = types,
                Provinces = Col(laos, 3), Districts = Col(laos, 4),
            }, ct);

        // the corrections NACC staff made to the registry's location of an LAO outlive a new registry file
        await db.ExecuteAsync("""
            UPDATE local_authority_profile.registry_laos r
            SET province_code = c.province_code, district_code = c.district_code
            FROM local_authority_profile.registry_corrections c
            WHERE c.dla_code = r.dla_code
              AND (r.province_code, r.district_code) IS DISTINCT FROM (c.province_code, c.district_code)
            """, ct: ct);
        await db.ExecuteAsync("""
            INSERT INTO local_authority_profile.registry_file (checksum, loaded_at) VALUES (@checksum, @now)
            ON CONFLICT (id) DO UPDATE SET checksum = excluded.checksum, loaded_at = excluded.loaded_at
            """, new { checksum = RegistryFile.Checksum(), now = clock.GetUtcNow() }, ct);
        return new RegistryLoaded(provinces.Count, districts.Count, laos.Count);
    }

    private static string[] Col(IReadOnlyList<string[]> rows, int index) => rows.Select(r => r[index].Trim()).ToArray();
}

/// <summary>The registry file: the embedded reference files and the version of their loader
/// (<see cref="LoadRegistryHandler"/>).</summary>
public static class RegistryFile
{
    public const string Provinces = "reference.provinces.csv";
    public const string Districts = "reference.districts.csv";
    public const string Laos = "reference.laos.csv";

    /// <summary>Raise it with any change of how <see cref="LoadRegistryHandler"/> writes the files' rows (the types'
    /// labels, the columns it reads): a start then reloads the registry though the files are unchanged.</summary>
    private const int LoaderVersion = 1;

    /// <summary>SHA-256 of the loader's version and the three files' bytes, in hexadecimal.</summary>
    public static string Checksum()
    {
        var assembly = typeof(RegistryFile).Assembly;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(
            System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(LoaderVersion));
        foreach (var file in new[] { Provinces, Districts, Laos })
        {
            var name = assembly.GetManifestResourceNames()
                .Single(n => n.EndsWith("." + file, StringComparison.Ordinal) || n == file);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes.GetBuffer(), 0, (int)bytes.Length);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Whether the registry in the database was loaded from these very files.</summary>
    public static async Task<bool> IsLoadedAsync(DbSession db, CancellationToken ct) =>
        await db.ExecuteScalarAsync<string?>("SELECT checksum FROM local_authority_profile.registry_file", ct: ct)
        == Checksum();
}
