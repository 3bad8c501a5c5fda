namespace VoiceHub.Web.Identity;

/// <summary>Where a sign-in may send the browser afterwards: a path of this site, never another origin.</summary>
public static class ReturnUrls
{
    /// <summary><paramref name="returnUrl"/> when it is a local path ("/workflows?page=2"), else "/".</summary>
    public static string Local(string? returnUrl)
    {
        // "//evil.example" and "/\evil.example" are other origins to a browser; so is anything with a scheme.
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2000 || returnUrl[0] != '/' ||
            (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\') || returnUrl.Any(c => char.IsControl(c) || c == '\\'))
        {
            return "/";
        }

        // The sign-in pages themselves are no place to come back to.
        return returnUrl.StartsWith("/login", StringComparison.OrdinalIgnoreCase) || returnUrl.StartsWith("/logout", StringComparison.OrdinalIgnoreCase)
            ? "/"
            : returnUrl;
    }
}
