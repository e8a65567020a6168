using System.Text.Json.Nodes;

namespace EPlanNacc.IntegrationTests.BadInput;

/// <summary>Who sends a command's inputs: its valid sample's caller.</summary>
public enum Sender
{
    Anonymous,
    /// <summary>LAO A (<see cref="BadInputWorld.LaoA"/>), set up.</summary>
    Lao,
    /// <summary>A's provincial office (prov90).</summary>
    Provincial,
    Admin,
}

/// <summary>A valid request of a command, the one its malformed inputs are derived from. <see cref="Path"/> may hold
/// placeholders <c>{name}</c> (route values and query values) whose values are <see cref="Values"/>; an API command
/// carries a JSON body (<see cref="Json"/>, or none), a page command its form's fields (<see cref="Form"/>; the
/// caller's antiforgery token is added when it is sent).</summary>
public sealed record Sample(HttpMethod Method, string Path)
{
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public JsonObject? Json { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>>? Form { get; init; }
    public bool IsPage => Form is not null;

    /// <summary>The address with every placeholder filled, <paramref name="name"/>'s with <paramref name="value"/>
    /// (escaped) instead of its own.</summary>
    public string Address(string? name = null, string? value = null)
    {
        var path = Path;
        foreach (var (key, own) in Values)
            path = path.Replace("{" + key + "}", Uri.EscapeDataString(key == name ? value! : own),
                StringComparison.Ordinal);
        return path;
    }

    public static Sample Api(HttpMethod method, string path, object? json = null, params (string, object)[] values) =>
        new(method, path)
        {
            Json = json is null ? null : (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(json, Web)!,
            Values = values.ToDictionary(v => v.Item1, v => Text(v.Item2)),
        };

    public static Sample Page(string path, IEnumerable<(string Name, object? Value)> fields,
        params (string, object)[] values) =>
        new(HttpMethod.Post, path)
        {
            Form = fields.Where(f => f.Value is not null)
                .Select(f => new KeyValuePair<string, string>(f.Name, Text(f.Value!))).ToList(),
            Values = values.ToDictionary(v => v.Item1, v => Text(v.Item2)),
        };

    private static readonly System.Text.Json.JsonSerializerOptions Web =
        new(System.Text.Json.JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

    private static string Text(object value) => value switch
    {
        decimal d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly day => EPlanNacc.BuildingBlocks.Thai.BuddhistDate.Format(day),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}

/// <summary>A command of the application (a route of the route table that changes something) and what its malformed
/// inputs are derived from: a valid sample sent by <see cref="Caller"/>.</summary>
/// <param name="Route">The route table's key ("PUT /api/v1/projects/{id:guid}",
/// "POST /projects/plan?handler=Clear").</param>
public sealed record Command(string Route, Sender Caller, Func<BadInputWorld, Task<Sample>> SampleFor)
{
    /// <summary>Fields (JSON paths "location.name", form names, placeholders) whose absence, null or empty value is
    /// valid: they are not sent missing.</summary>
    public IReadOnlySet<string> Optional { get; init; } = new HashSet<string>();

    /// <summary>Tables the refusals themselves write, by design (a failed sign-in is counted for the lockout and
    /// recorded in the audit trail): left out of the before-and-after checksums.</summary>
    public IReadOnlyList<string> Writes { get; init; } = [];

    /// <summary>The valid sample is proven accepted before the malformed inputs rather than after them (the inputs
    /// lock the account a sign-in's sample signs in to).</summary>
    public bool ProveFirst { get; init; }

    /// <summary>A command that takes no input but its address (and has nothing to prove by a valid sample: the error
    /// page's POST).</summary>
    public bool NoSample { get; init; }

    /// <summary>A command that takes no input at all (not even an address value): nothing it is sent can be malformed,
    /// so it has no inputs (it is listed so that the table stays complete).</summary>
    public bool NoInput { get; init; }

    public override string ToString() => Route;
}
