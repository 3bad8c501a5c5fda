using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace VoiceHub.ApiService.Platform.Secrets;

/// <summary>
/// Signing secrets of hooks and webhook subscriptions: made here (<c>whsec_</c> + base64 of 32 random
/// bytes, the Standard Webhooks form), shown once, and kept in Redis only encrypted with ASP.NET Data
/// Protection under a purpose of their own (feature and id), so a secret copied onto another record
/// does not decrypt. Signatures need the secret itself, which is why it is protected, not hashed.
/// </summary>
public sealed class SigningSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> + base64 of 32 random bytes.</summary>
    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes a Standard Webhooks signature uses: the base64 part, decoded.</summary>
    public static byte[] StandardKey(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    public string Protect(string feature, string id, string secret) => Protector(feature, id).Protect(secret);

    /// <summary>The secret, or null when it cannot be decrypted (keys lost, record tampered with).</summary>
    public string? Unprotect(string feature, string id, string protectedSecret)
    {
        try
        {
            return Protector(feature, id).Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector Protector(string feature, string id) => protection.CreateProtector("VoiceHub.SigningSecrets", feature, id);
}
