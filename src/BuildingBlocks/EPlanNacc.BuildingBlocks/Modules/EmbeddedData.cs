using System.Reflection;

namespace EPlanNacc.BuildingBlocks.Modules;

/// <summary>Reads reference data files embedded in a module's assembly (copied into the repository from the
/// domain reference into db/reference-data, see its SOURCES.md; nothing outside the repository is read).</summary>
public static class EmbeddedData
{
    public static IReadOnlyList<string[]> ReadCsv(Assembly assembly, string fileName)
    {
        var name = assembly.GetManifestResourceNames()
            .Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal) || n == fileName);
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            rows.Add(Csv.ParseLine(line));
        }
        return rows;
    }
}

public static class Csv
{
    /// <summary>One RFC 4180 line (quoted fields with doubled quotes; no embedded newlines in our data).</summary>
    public static string[] ParseLine(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else quoted = false;
                }
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}
