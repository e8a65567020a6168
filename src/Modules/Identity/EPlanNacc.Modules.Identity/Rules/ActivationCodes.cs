using System.Security.Cryptography;

namespace EPlanNacc.Modules.Identity.Rules;

/// <summary>Activation codes staff hand to an LAO: 10 characters from an alphabet without look-alikes, shown as
/// XXXXX-XXXXX, compared without case, spaces or dashes.</summary>
internal static class ActivationCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate()
    {
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{new string(chars[..5])}-{new string(chars[5..])}";
    }

    public static string Normalize(string code) =>
        new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
