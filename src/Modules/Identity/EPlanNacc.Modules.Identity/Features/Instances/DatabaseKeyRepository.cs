using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace EPlanNacc.Modules.Identity.Features.Instances;

/// <summary>Data Protection's key ring in <c>identity.data_protection_keys</c> (db/migrations/identity/
/// 0010_create_data_protection_keys.sql) instead of a folder of the user running the process: every instance reads the
/// same keys, so a cookie, a bearer token or an antiforgery token made by one is accepted by every other, and a
/// restart (a new container) signs nobody out (docs/adr/0033-several-instances.md). The framework calls it rarely (when
/// its key ring is loaded or refreshed, and when it makes a key) and synchronously: through the application's pool,
/// with the application's login, which may add and read rows only (an append-only table).</summary>
public sealed class DatabaseKeyRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>("SELECT xml FROM identity.data_protection_keys ORDER BY id")
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute(
            "INSERT INTO identity.data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
