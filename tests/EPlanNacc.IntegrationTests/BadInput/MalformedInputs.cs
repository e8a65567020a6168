using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EPlanNacc.IntegrationTests.BadInput;

/// <summary>One malformed input of a command: what it is (for the report), its address and its body (a page's body is
/// made with the caller's antiforgery token, which some inputs replace or leave out).</summary>
public sealed record Malformed(string What, HttpMethod Method, string Address, Func<string?, HttpContent?> Body);

/// <summary>Derives malformed inputs from a command's valid sample: for each field (JSON member, form field, route or
/// query value) values of the wrong type, missing, null, too long, with control characters and NUL bytes, numbers
/// negative, huge, NaN and with too many decimals, dates out of range and in the wrong era, invalid codes and enum
/// values, another LAO's ids and codes, SQL and HTML injection; for the whole body malformed JSON, the wrong content
/// type, an empty body, an array or a scalar, unknown fields; for a form, a missing or damaged antiforgery token and
/// bodies beyond the form limits. Every input differs from the valid sample so that no valid request can come of it:
/// a free-text field takes any text (an injection string there is text, stored and shown escaped: the import helper's
/// StoredTextTests), so it is given only what no text may be (too long, control characters); a field the command
/// lists as optional is never sent missing, null or empty. Seeded random values of characters no code, number, date
/// or id may hold make up the count to <see cref="Minimum"/>.</summary>
public static partial class MalformedInputs
{
    public const int Minimum = 200;
    private const string Hole = "@@badinput-7731@@";
    private static readonly string Long = new('ก', 10_001);
    private static readonly string FiveMegabytes = new('x', 5 * 1024 * 1024);

    private enum Kind { Text, Code, Guid, Date, BeDate, Email, Number, Bool, Array, Object }

    /// <summary>Strings no code, id, number, date or address may be; the first four no text may be either.</summary>
    private static readonly (string What, string Value)[] BadStrings =
    [
        ("10,001 characters", Long), ("a NUL byte", "ab\0cd"), ("only a NUL byte", "\0"),
        ("control characters", "\u0001\u0002\u001b[31m\u007f"),
        ("SQL injection", "'; DROP TABLE identity.users; --"), ("SQL tautology", "1 OR 1=1"),
        ("SQL quote", "' OR '1'='1"), ("HTML script", "<script>alert(1)</script>"),
        ("HTML attribute", "\"><img src=x onerror=alert(1)>"), ("path traversal", "../../../etc/passwd"),
        ("Thai digits", "๙๐๐๑๐๖"), ("full-width digits", "６９００１０６"), ("right-to-left override", "\u202e690"),
        ("blank", "   "), ("letters", "abc"),
    ];

    private const int TextBadStrings = 4;

    /// <summary>The long value of an address (a request line is at most 8 KB: Kestrel refuses longer ones before the
    /// application sees them).</summary>
    private static readonly (string What, string Raw) AddressLong = ("4,001 characters", new string('a', 4_001));

    public static IReadOnlyList<Malformed> For(Command command, Sample sample,
        IReadOnlyDictionary<string, string> foreign)
    {
        var inputs = new List<Malformed>();
        foreach (var (name, own) in sample.Values)
            inputs.AddRange(ValuesFor(name, own, Classify(name, own), command, foreign, text: true)
                .Select(v => v.Raw == Long ? AddressLong : v)
                // Kestrel refuses a path that holds a NUL byte before the application sees it (400, no body)
                .Where(v => !v.Raw.Contains('\0') || InQuery(sample, name))
                .Select(v => new Malformed($"{name}: {v.What}", sample.Method, sample.Address(name, v.Raw),
                    sample.IsPage ? t => Form(sample.Form!, t) : _ => JsonBody(sample.Json))));
        if (sample.IsPage) inputs.AddRange(FormInputs(command, sample, foreign));
        else if (sample.Json is not null) inputs.AddRange(JsonInputs(command, sample, foreign));

        var fuzz = new Random(StableHash(command.Route));
        var targets = FuzzTargets(command, sample).ToList();
        for (var i = 0; inputs.Count < Minimum && targets.Count > 0; i++)
            inputs.Add(targets[i % targets.Count](Fuzz(fuzz), i));
        return inputs;
    }

    private static bool InQuery(Sample sample, string name) =>
        sample.Path.IndexOf('?', StringComparison.Ordinal) is var query and >= 0
        && sample.Path.IndexOf("{" + name + "}", StringComparison.Ordinal) > query;

    // ------------------------------------------------------------------------------------------------ JSON

    private static IEnumerable<Malformed> JsonInputs(Command command, Sample sample,
        IReadOnlyDictionary<string, string> foreign)
    {
        var root = sample.Json!;
        var address = sample.Address();
        Malformed Send(string what, string body, string contentType = "application/json") =>
            new(what, sample.Method, address, _ => Content(body, contentType));

        foreach (var (path, node) in Fields(root, ""))
        {
            var kind = Classify(path, node);
            var optional = command.Optional.Contains(path) || command.Optional.Contains(Leaf(path));
            if (!optional && !path.EndsWith(']'))
            {
                yield return Send($"{path}: missing", Replace(root, path, null));
                yield return Send($"{path}: null", Replace(root, path, "null"));
            }
            foreach (var (what, raw) in JsonValuesFor(path, node, kind, optional, command, foreign))
                yield return Send($"{path}: {what}", Replace(root, path, raw));
        }

        var valid = root.ToJsonString();
        var first = Fields(root, "").First().Path;
        yield return Send("empty body", "");
        yield return Send("truncated JSON", valid[..(valid.Length / 2)]);
        yield return Send("JSON without its closing brace", valid[..^1]);
        yield return Send("trailing comma", valid[..^1] + ",}");
        yield return Send("block comment", "/* comment */" + valid);
        yield return Send("line comment", "// comment\n" + valid);
        yield return Send("single quotes", valid.Replace('"', '\''));
        yield return Send("duplicate key",
            valid[..^1] + "," + JsonSerializer.Serialize(first.Split('.')[0]) + ":" +
            root[first.Split('.')[0]]!.ToJsonString() + "}");
        yield return Send("10,000 levels of nesting", Replace(root, first,
            string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000))));
        yield return Send("5 MB string", Replace(root, first, "\"" + FiveMegabytes + "\""));
        yield return Send("5 MB unknown field", valid[..^1] + ",\"padding\":\"" + FiveMegabytes + "\"}");
        yield return Send("array instead of object", "[" + valid + "]");
        yield return Send("number instead of object", "42");
        yield return Send("string instead of object", "\"text\"");
        yield return Send("true instead of object", "true");
        yield return Send("null instead of object", "null");
        yield return Send("text/plain", valid, "text/plain");
        yield return Send("form content for JSON", "a=1&b=2", "application/x-www-form-urlencoded");
        yield return Send("XML", "<project><name>x</name></project>", "application/xml");
        yield return new Malformed("no content type", sample.Method, address, _ =>
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(valid));
            content.Headers.ContentType = null;
            return content;
        });
        yield return new Malformed("invalid UTF-8 bytes", sample.Method, address, _ =>
        {
            var parts = Replace(root, first, "\"" + Hole + "\"").Split(Hole);
            var bytes = Encoding.UTF8.GetBytes(parts[0]).Concat(new byte[] { 0xC3, 0x28, 0xFF })
                .Concat(Encoding.UTF8.GetBytes(parts[1])).ToArray();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        });
        foreach (var (name, value) in UnknownFields)
            yield return Send($"unknown field {name}",
                valid[..^1] + "," + JsonSerializer.Serialize(name) + ":" + value + "}");
    }

    private static readonly (string Name, string Value)[] UnknownFields =
    [
        ("extra", "1"), ("isAdmin", "true"), ("__proto__", "{\"isAdmin\":true}"), ("constructor", "{}"),
        ("$type", "\"System.Object\""), ("$id", "\"1\""), ("$ref", "\"1\""), ("role", "\"admin\""),
        ("createdBy", "\"admin\""), ("deleted", "true"), ("unknownField", "null"), ("ชื่อ", "\"ไทย\""),
    ];

    private static IEnumerable<(string What, string Raw)> JsonValuesFor(string path, JsonNode node, Kind kind,
        bool optional, Command command, IReadOnlyDictionary<string, string> foreign)
    {
        (string, string) S(string what, string value) => (what, JsonSerializer.Serialize(value));
        switch (kind)
        {
            case Kind.Number:
                yield return S("string for number", "12");
                yield return S("text for number", "abc");
                yield return ("boolean for number", "true");
                yield return ("object for number", "{}");
                yield return ("array for number", "[1]");
                foreach (var (what, raw) in NumbersFor(path)) yield return (what, raw);
                yield return S("\"NaN\"", "NaN");
                yield return S("\"Infinity\"", "Infinity");
                yield return S("\"-Infinity\"", "-Infinity");
                yield return ("NaN literal", "NaN");
                yield return ("Infinity literal", "Infinity");
                yield return ("hexadecimal", "0x10");
                yield return ("plus sign", "+1");
                yield return ("leading zero", "01");
                break;
            case Kind.Bool:
                yield return S("string true", "true");
                yield return ("number 1", "1");
                yield return ("number 0", "0");
                yield return S("text", "yes");
                yield return ("object", "{}");
                yield return ("array", "[true]");
                break;
            case Kind.Array:
                yield return S("string for array", "x");
                yield return ("number for array", "1");
                yield return ("object for array", "{}");
                yield return ("boolean for array", "true");
                yield return ("null element", "[null]");
                yield return ("nested array", "[[1]]");
                if (!optional) yield return ("empty array", "[]");
                var element = node.AsArray().FirstOrDefault()?.ToJsonString() ?? "1";
                yield return ("10,000 elements", "[" + string.Join(',', Enumerable.Repeat(element, 10_000)) + "]");
                break;
            case Kind.Object:
                yield return S("string for object", "x");
                yield return ("number for object", "1");
                yield return ("boolean for object", "true");
                yield return ("array for object", "[{}]");
                break;
            default:
                yield return ("number for string", "123");
                yield return ("boolean for string", "true");
                yield return ("object for string", "{}");
                yield return ("array for string", "[\"x\"]");
                yield return ("lone surrogate", "\"\\ud800\"");
                foreach (var (what, value) in ValuesFor(path, node.GetValue<string>(), kind, command, foreign,
                             text: false))
                    yield return (what, JsonSerializer.Serialize(value));
                break;
        }
    }

    private static readonly (string What, string Raw)[] Numbers =
    [
        ("negative", "-1"), ("negative cents", "-0.01"), ("1e308", "1e308"), ("-1e308", "-1e308"),
        ("99999999999999999999", "99999999999999999999"), ("too many decimals", "1.001"),
        ("nine decimals", "0.123456789"), ("beyond a 32-bit integer", "2147483648"),
        ("below a 32-bit integer", "-2147483649"),
    ];

    /// <summary>The malformed numbers of a field: an amount takes numbers beyond a 32-bit integer (up to
    /// 999,999,999,999.99).</summary>
    private static IEnumerable<(string What, string Raw)> NumbersFor(string name) => Amount().IsMatch(name)
        ? Numbers.Where(n => !n.What.Contains("32-bit", StringComparison.Ordinal))
        : Numbers;

    [GeneratedRegex("budget|revenue|spent|total|amount|area|population", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    /// <summary>Every member of the body (nested objects and the first element of each array too), with its path
    /// ("location.name", "dimensions[0].code").</summary>
    private static IEnumerable<(string Path, JsonNode Node)> Fields(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (value is null) continue;
                    var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    yield return (path, value);
                    foreach (var inner in Fields(value, path)) yield return inner;
                }
                break;
            case JsonArray a when a.Count > 0 && a[0] is not null:
                yield return ($"{prefix}[0]", a[0]!);
                foreach (var inner in Fields(a[0]!, $"{prefix}[0]")) yield return inner;
                break;
        }
    }

    /// <summary>The body with the member at <paramref name="path"/> replaced by the JSON text
    /// <paramref name="raw"/> (removed when null).</summary>
    private static string Replace(JsonObject root, string path, string? raw)
    {
        var copy = root.DeepClone();
        var steps = PathSteps().Matches(path).Select(m => m.Value).ToList();
        var parent = copy;
        foreach (var step in steps[..^1]) parent = Step(parent, step)!;
        var last = steps[^1];
        if (last.StartsWith('['))
        {
            var index = int.Parse(last[1..^1], CultureInfo.InvariantCulture);
            if (raw is null) parent.AsArray().RemoveAt(index);
            else parent.AsArray()[index] = Hole;
        }
        else if (raw is null) parent.AsObject().Remove(last);
        else parent.AsObject()[last] = Hole;
        var text = copy.ToJsonString();
        return raw is null ? text : text.Replace("\"" + Hole + "\"", raw, StringComparison.Ordinal);
    }

    private static JsonNode? Step(JsonNode node, string step) => step.StartsWith('[')
        ? node.AsArray()[int.Parse(step[1..^1], CultureInfo.InvariantCulture)]
        : node.AsObject()[step];

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex PathSteps();

    private static string Leaf(string path) => PathSteps().Matches(path).Last().Value;

    private static StringContent Content(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return content;
    }

    private static HttpContent? JsonBody(JsonObject? json) =>
        json is null ? null : Content(json.ToJsonString(), "application/json");

    // ------------------------------------------------------------------------------------------------ forms

    private static IEnumerable<Malformed> FormInputs(Command command, Sample sample,
        IReadOnlyDictionary<string, string> foreign)
    {
        var fields = sample.Form!;
        var address = sample.Address();
        var repeated = fields.GroupBy(f => f.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        Malformed Send(string what, IReadOnlyList<KeyValuePair<string, string>> form) =>
            new(what, HttpMethod.Post, address, t => Form(form, t));

        for (var i = 0; i < fields.Count; i++)
        {
            var (name, own) = (fields[i].Key, fields[i].Value);
            if (repeated.Contains(name) && fields.Take(i).Any(f => f.Key == name)) continue;
            var optional = command.Optional.Contains(name) || command.Optional.Contains(name.Split('[')[0]);
            var index = i;
            if (!optional && !repeated.Contains(name))
            {
                yield return Send($"{name}: missing", [.. fields.Where((_, j) => j != index)]);
                yield return Send($"{name}: empty", With(fields, index, ""));
            }
            foreach (var (what, value) in ValuesFor(name, own, Classify(name, own), command, foreign, text: true))
                yield return Send($"{name}: {what}", With(fields, index, value));
        }

        yield return new Malformed("no antiforgery token", HttpMethod.Post, address, _ => Form(fields, null));
        foreach (var (what, token) in new (string, Func<string, string>)[]
                 {
                     ("antiforgery token changed", t => t[..^2] + (t[^2] == 'A' ? 'B' : 'A') + t[^1]),
                     ("antiforgery token empty", _ => ""), ("antiforgery token with a NUL byte", t => t + "\0"),
                     ("antiforgery token of 10,001 characters", _ => Long),
                     ("antiforgery token truncated", t => t[..(t.Length / 2)]),
                 })
            yield return new Malformed(what, HttpMethod.Post, address, t => Form(fields, null, token(t!)));
        yield return new Malformed("JSON for a form", HttpMethod.Post, address, t => Content(
            JsonSerializer.Serialize(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", t!))
                .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value)), "application/json"));
        yield return new Malformed("text/plain", HttpMethod.Post, address, t =>
            Content(FormText(fields, t), "text/plain"));
        yield return new Malformed("empty body", HttpMethod.Post, address, _ =>
            Content("", "application/x-www-form-urlencoded"));
        yield return new Malformed("5 MB value", HttpMethod.Post, address, t => Form(
            [.. fields, new("Input.Padding", FiveMegabytes)], t));
        yield return new Malformed("2,000 fields", HttpMethod.Post, address, t => Form(
            [.. fields, .. Enumerable.Range(0, 2_000).Select(n => new KeyValuePair<string, string>($"x{n}", "1"))],
            t));
        yield return new Malformed("a field name of 10,001 characters", HttpMethod.Post, address, t => Form(
            [.. fields, new(Long, "1")], t));
        // a form whose fields are all optional takes a body without them: a multipart one is no malformed input
        if (fields.All(f => command.Optional.Contains(f.Key))) yield break;
        yield return new Malformed("multipart with a file for the form", HttpMethod.Post, address, t =>
        {
            var content = new MultipartFormDataContent();
            content.Add(new StringContent(t ?? ""), "__RequestVerificationToken");
            content.Add(new ByteArrayContent(new byte[2 * 1024 * 1024]), "Input", "big.bin");
            return content;
        });
    }

    private static List<KeyValuePair<string, string>> With(IReadOnlyList<KeyValuePair<string, string>> fields,
        int index, string value) =>
        [.. fields.Select((f, j) => j == index ? new KeyValuePair<string, string>(f.Key, value) : f)];

    /// <summary>A form's body with the antiforgery token <paramref name="token"/> (none when null), or
    /// <paramref name="replaced"/> instead of it.</summary>
    private static HttpContent Form(IReadOnlyList<KeyValuePair<string, string>> fields, string? token,
        string? replaced = null)
    {
        var values = fields.ToList();
        if (replaced is not null) values.Add(new("__RequestVerificationToken", replaced));
        else if (token is not null) values.Add(new("__RequestVerificationToken", token));
        return Content(FormText(values, null), "application/x-www-form-urlencoded");
    }

    private static string FormText(IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = fields.ToList();
        if (token is not null) all.Add(new("__RequestVerificationToken", token));
        return string.Join('&', all.Select(f => Escape(f.Key) + "=" + Escape(f.Value)));
    }

    /// <summary>Form encoding that keeps every character (Uri.EscapeDataString refuses very long strings).</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_') text.Append((char)b);
            else text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    // ------------------------------------------------------------------------------------------------ values

    /// <summary>Malformed text values of a field or a route or query value, by its kind (<paramref name="text"/>:
    /// the kind's values that are text, for a form or an address; a JSON body's wrong types come from
    /// <see cref="JsonValuesFor"/>).</summary>
    private static IEnumerable<(string What, string Raw)> ValuesFor(string name, string own, Kind kind,
        Command command, IReadOnlyDictionary<string, string> foreign, bool text)
    {
        var optional = command.Optional.Contains(name) || command.Optional.Contains(Leaf(name));
        if (kind == Kind.Text)
        {
            foreach (var bad in BadStrings.Take(TextBadStrings)) yield return bad;
            if (!optional) yield return ("blank", "   ");
            yield break;
        }
        // a new account's user name may be any letters: only what no user name may be is malformed there
        var username = name.Contains("username", StringComparison.OrdinalIgnoreCase);
        foreach (var bad in BadStrings.Where(b =>
                     (!username || b.What != "letters") && (!optional || b.What != "blank")))
            yield return bad;
        if (foreign.TryGetValue(own, out var other)) yield return ("another LAO's or province's", other);
        switch (kind)
        {
            case Kind.Number when text:
                foreach (var (what, raw) in NumbersFor(name)) yield return (what, raw);
                yield return ("NaN", "NaN");
                yield return ("Infinity", "Infinity");
                yield return ("-Infinity", "-Infinity");
                yield return ("Thai digits", "๑๒");
                yield return ("hexadecimal", "0x10");
                if (name.Contains("year", StringComparison.OrdinalIgnoreCase) && int.TryParse(own, out var year))
                    yield return ("a Common Era year", (year - 543).ToString(CultureInfo.InvariantCulture));
                break;
            case Kind.Bool when text:
                yield return ("yes", "yes");
                yield return ("2", "2");
                yield return ("truee", "truee");
                break;
            case Kind.Guid:
                yield return ("the empty id", Guid.Empty.ToString());
                yield return ("an unknown id", "0b7e3e4f-53a1-4c7a-9e5e-8d1f2f7a7731");
                yield return ("not an id", "not-a-guid");
                yield return ("a number", "1");
                break;
            case Kind.Date:
                foreach (var day in new[] { "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "2026-1-1",
                             "31/12/2569", "2026-10-01T25:00:00", "yesterday" })
                    yield return ($"date {day}", day);
                yield return ("a Buddhist Era date where Common Era is expected",
                    (int.Parse(own[..4], CultureInfo.InvariantCulture) + 543).ToString(CultureInfo.InvariantCulture)
                    + own[4..]);
                break;
            case Kind.BeDate:
                foreach (var day in new[] { "00/00/0000", "30/02/2569", "31/12/9999", "01/01/0001", "1/13/2569",
                             "๐๑/๑๐/๒๕๖๙", "2569-10-01" })
                    yield return ($"date {day}", day);
                yield return ("a Common Era date where Buddhist Era is expected",
                    own[..^4] + (int.Parse(own[^4..], CultureInfo.InvariantCulture) - 543)
                        .ToString(CultureInfo.InvariantCulture));
                break;
            case Kind.Email:
                foreach (var address in new[] { "not-an-email", "a@", "@kohyo.go.th", "a@b@kohyo.go.th" })
                    yield return ($"address {address}", address);
                break;
            case Kind.Code:
                yield return ("zero", "0");
                yield return ("minus one", "-1");
                yield return ("an unknown code", "9999999");
                // a website's name may end in any letter or digit
                if (!username && !name.Contains("website", StringComparison.OrdinalIgnoreCase))
                    yield return ("one character more", own + "0");
                break;
        }
    }

    private static Kind Classify(string name, JsonNode node) => node switch
    {
        JsonObject => Kind.Object,
        JsonArray => Kind.Array,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => Kind.Bool,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Kind.Number,
        _ => Classify(name, node.GetValue<string>()),
    };

    private static Kind Classify(string name, string value)
    {
        if (name.Contains("password", StringComparison.OrdinalIgnoreCase)) return Kind.Text;
        if (Guid.TryParse(value, out _)) return Kind.Guid;
        if (IsoDate().IsMatch(value)) return Kind.Date;
        if (ThaiDate().IsMatch(value)) return Kind.BeDate;
        if (value is "true" or "false") return Kind.Bool;
        if (name.Contains("code", StringComparison.OrdinalIgnoreCase)
            || name.Contains("username", StringComparison.OrdinalIgnoreCase)) return Kind.Code;
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)) return Kind.Number;
        if (value.Contains('@')) return Kind.Email;
        if (value.Any(c => c is >= '\u0E00' and <= '\u0E7F' || char.IsWhiteSpace(c))) return Kind.Text;
        return Kind.Code;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{1,2}/\d{1,2}/\d{4}$")]
    private static partial Regex ThaiDate();

    // ------------------------------------------------------------------------------------------------ fuzz

    /// <summary>Where a seeded random value goes: a route or query value, a field that is not free text, the
    /// antiforgery token of a form; for a JSON body also an unknown field.</summary>
    private static IEnumerable<Func<string, int, Malformed>> FuzzTargets(Command command, Sample sample)
    {
        foreach (var (name, own) in sample.Values.Where(v => Classify(v.Key, v.Value) != Kind.Text))
            yield return (value, n) => new Malformed($"{name}: random {n}", sample.Method, sample.Address(name, value),
                sample.IsPage ? t => Form(sample.Form!, t) : _ => JsonBody(sample.Json));
        if (sample.IsPage)
        {
            var fields = sample.Form!;
            for (var i = 0; i < fields.Count; i++)
            {
                var index = i;
                if (Classify(fields[i].Key, fields[i].Value) == Kind.Text) continue;
                yield return (value, n) => new Malformed($"{fields[index].Key}: random {n}", HttpMethod.Post,
                    sample.Address(), t => Form(With(fields, index, value), t));
            }
            yield return (value, n) => new Malformed($"antiforgery token: random {n}", HttpMethod.Post,
                sample.Address(), _ => Form(fields, null, value));
        }
        else if (sample.Json is { } root)
        {
            foreach (var (path, node) in Fields(root, "").Where(f => Classify(f.Path, f.Node) != Kind.Text))
                yield return (value, n) => new Malformed($"{path}: random {n}", sample.Method, sample.Address(),
                    _ => Content(Replace(root, path, JsonSerializer.Serialize(value)), "application/json"));
            yield return (value, n) => new Malformed($"unknown field: random {n}", sample.Method, sample.Address(),
                _ => Content(root.ToJsonString()[..^1] + $",\"unknown{n}\":" + JsonSerializer.Serialize(value) + "}",
                    "application/json"));
        }
    }

    private const string FuzzCharacters = "<>'\";%&\\/{}[]()$#!|`~^*=+ aZ09กขฮ๙\u0001\u200b\u202e😀";

    /// <summary>A random string of 1 to 40 characters that holds at least one of &lt; or ' (so that it is no code,
    /// number, date, id or address).</summary>
    private static string Fuzz(Random random)
    {
        var text = new StringBuilder(random.Next(2) == 0 ? "<" : "'");
        var length = random.Next(0, 40);
        var characters = FuzzCharacters.EnumerateRunes().ToArray();
        for (var i = 0; i < length; i++) text.Append(characters[random.Next(characters.Length)].ToString());
        return text.ToString();
    }

    private static int StableHash(string text) =>
        text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));
}
