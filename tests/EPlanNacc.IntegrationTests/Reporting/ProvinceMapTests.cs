using System.Net;
using System.Text.Json;
using EPlanNacc.TestSupport;

namespace EPlanNacc.IntegrationTests.Reporting;

/// <summary>The map of the completeness page (db/reference-data/thailand-provinces.geojson, db/reference-data/
/// SOURCES.md): one feature per province of the reference data, all 77 matched by their code, small enough for a
/// phone, and served by the application itself as the page asks for it.</summary>
public sealed class ProvinceMapTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string MapFile =
        Path.Combine(TestDatabase.RepositoryRoot(), "db", "reference-data", "thailand-provinces.geojson");

    [Fact]
    public async Task Every_province_of_the_reference_data_has_exactly_one_shape_on_the_map()
    {
        using var map = JsonDocument.Parse(await File.ReadAllTextAsync(MapFile));
        var features = map.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.All(features, f => Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(),
            new[] { "Polygon", "MultiPolygon" }));
        var codes = features.Select(f => f.GetProperty("properties").GetProperty("code").GetString()).ToList();

        using var client = App.CreateClient();
        using var provinces = JsonDocument.Parse(await client.GetStringAsync("/api/v1/reference/provinces"));
        var reference = provinces.RootElement.EnumerateArray().Select(p => p.GetProperty("code").GetString())
            .ToList();
        Assert.Equal(77, reference.Count);
        Assert.Equal(reference.Order(), codes.Order());
        Assert.True(new FileInfo(MapFile).Length < 600 * 1024, "the map should stay under 600 KB");

        var served = await client.GetAsync("/lib/maps/thailand-provinces.json");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(MapFile), await served.Content.ReadAsByteArrayAsync());
    }
}
