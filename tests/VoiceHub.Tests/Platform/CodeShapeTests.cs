using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VoiceHub.Tests.Platform;

/// <summary>
/// Keeps the API's code easy to enter: no method (constructor, accessor or local function) longer
/// than <see cref="MaxMethodLines"/> lines, counted by Roslyn from the declaration's first line to
/// its closing brace.
/// </summary>
public sealed class CodeShapeTests
{
    private const int MaxMethodLines = 60;

    [Fact]
    public void No_method_in_the_api_is_longer_than_sixty_lines()
    {
        var tooLong = MethodLengths(ProjectFolder("VoiceHub.ApiService"))
            .Where(m => m.Lines > MaxMethodLines)
            .Select(m => $"{m.Where} ({m.Lines} lines)")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Methods over {MaxMethodLines} lines; split them into named steps:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void The_measure_sees_the_methods_of_the_api()
    {
        var methods = MethodLengths(ProjectFolder("VoiceHub.ApiService")).ToList();
        Assert.True(methods.Count > 300, $"only {methods.Count} methods found");
        Assert.Contains(methods, m => m.Where.Contains("WorkflowService.StartAsync", StringComparison.Ordinal));
    }

    internal static IEnumerable<(string Where, int Lines)> MethodLengths(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var node in root.DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax))
            {
                var span = node.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                yield return ($"{Path.GetRelativePath(folder, file)}:{span.StartLinePosition.Line + 1} {Name(node)}", lines);
            }
        }
    }

    private static string Name(SyntaxNode node)
    {
        var type = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text;
        var member = node switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            ConstructorDeclarationSyntax c => c.Identifier.Text,
            LocalFunctionStatementSyntax l => l.Identifier.Text,
            AccessorDeclarationSyntax a => a.Keyword.Text,
            _ => node.Kind().ToString(),
        };
        return $"{type}.{member}";
    }

    private static string ProjectFolder(string project, [CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", project));
}
