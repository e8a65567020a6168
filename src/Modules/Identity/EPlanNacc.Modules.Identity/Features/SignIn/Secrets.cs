using Microsoft.AspNetCore.Identity;

namespace EPlanNacc.Modules.Identity.Features.SignIn;

/// <summary>The password hashes of the sign-in: every try costs exactly one hash verification, whatever the name
/// (unknown, disabled, locked, an account without a password yet), so that the time of an answer does not tell which
/// user names exist (docs/adr/0020-sign-in-and-session-attacks.md).</summary>
internal static class Secrets
{
    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>A hash no secret matches, made with the same algorithm and work factor as the accounts' own.</summary>
    private static readonly string NobodysHash = Hasher.HashPassword("nobody", Guid.NewGuid().ToString("N"));

    /// <summary>Verifies <paramref name="secret"/> against <paramref name="hash"/>; with no hash, against one that
    /// nothing matches, so that the work is the same either way.</summary>
    public static PasswordVerificationResult Verify(string username, string? hash, string? secret)
    {
        var result = Hasher.VerifyHashedPassword(username, hash ?? NobodysHash, secret ?? string.Empty);
        return hash is null ? PasswordVerificationResult.Failed : result;
    }

    public static string Hash(string username, string secret) => Hasher.HashPassword(username, secret);
}
