namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>How a language marks its methods, for the long-method heuristic.</summary>
internal enum MethodStyle
{
    None,
    CSharp,
    JavaScript,
    Python,
    Go,
}

/// <summary>Languages by file extension; files with other extensions are not measured.</summary>
internal static class SourceLanguages
{
    private static readonly Dictionary<string, (string Language, MethodStyle Style)> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = ("C#", MethodStyle.CSharp),
        [".java"] = ("Java", MethodStyle.CSharp),
        [".js"] = ("JavaScript", MethodStyle.JavaScript),
        [".mjs"] = ("JavaScript", MethodStyle.JavaScript),
        [".cjs"] = ("JavaScript", MethodStyle.JavaScript),
        [".jsx"] = ("JavaScript", MethodStyle.JavaScript),
        [".ts"] = ("TypeScript", MethodStyle.JavaScript),
        [".tsx"] = ("TypeScript", MethodStyle.JavaScript),
        [".py"] = ("Python", MethodStyle.Python),
        [".go"] = ("Go", MethodStyle.Go),
        [".rs"] = ("Rust", MethodStyle.None),
        [".c"] = ("C", MethodStyle.None),
        [".h"] = ("C", MethodStyle.None),
        [".cpp"] = ("C++", MethodStyle.None),
        [".hpp"] = ("C++", MethodStyle.None),
        [".rb"] = ("Ruby", MethodStyle.None),
        [".php"] = ("PHP", MethodStyle.None),
        [".razor"] = ("Razor", MethodStyle.None),
        [".cshtml"] = ("Razor", MethodStyle.None),
        [".html"] = ("HTML", MethodStyle.None),
        [".css"] = ("CSS", MethodStyle.None),
        [".scss"] = ("CSS", MethodStyle.None),
        [".sql"] = ("SQL", MethodStyle.None),
        [".sh"] = ("Shell", MethodStyle.None),
        [".ps1"] = ("PowerShell", MethodStyle.None),
        [".json"] = ("JSON", MethodStyle.None),
        [".yaml"] = ("YAML", MethodStyle.None),
        [".yml"] = ("YAML", MethodStyle.None),
        [".toml"] = ("TOML", MethodStyle.None),
        [".xml"] = ("XML", MethodStyle.None),
        [".csproj"] = ("MSBuild", MethodStyle.None),
        [".props"] = ("MSBuild", MethodStyle.None),
        [".targets"] = ("MSBuild", MethodStyle.None),
        [".md"] = ("Markdown", MethodStyle.None),
        [".txt"] = ("Text", MethodStyle.None),
        [".ini"] = ("Config", MethodStyle.None),
        [".config"] = ("Config", MethodStyle.None),
        [".properties"] = ("Config", MethodStyle.None),
        [".env"] = ("Config", MethodStyle.None),
    };

    public static bool TryGet(string fileName, out string language, out MethodStyle style)
    {
        // ".env" and ".env.local" have no extension in .NET's sense, yet they are where secrets hide.
        var extension = fileName.StartsWith(".env", StringComparison.OrdinalIgnoreCase) ? ".env" : Path.GetExtension(fileName);
        if (ByExtension.TryGetValue(extension, out var found))
        {
            (language, style) = found;
            return true;
        }

        (language, style) = ("", MethodStyle.None);
        return false;
    }
}
