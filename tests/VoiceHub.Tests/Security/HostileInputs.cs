namespace VoiceHub.Tests.Security;

/// <summary>
/// What an attacker types into template inputs. Each list is data: a new trick is one more line, and
/// every test that takes the list tries it against every input and agent it covers.
/// </summary>
public static class HostileInputs
{
    /// <summary>The first report: a test runner option that loads code and prints the API's Redis connection string.</summary>
    public const string NodeReporterInjection =
        "node --test --test-reporter=data:text/javascript,console.log(process.env.ConnectionStrings__cache);process.exit()";

    /// <summary>The second report: git reading any file of the host.</summary>
    public const string GitNoIndex = "git diff --no-index /etc/passwd /dev/null";

    /// <summary>Text that must never appear in what the hub prints: /etc/passwd's first line.</summary>
    public const string PasswdContent = "root:x:0:0";

    public static readonly IReadOnlyList<string> Values =
    [
        NodeReporterInjection,
        GitNoIndex,
        "--test-reporter=data:text/javascript,process.exit(7)",
        "--require=/etc/passwd",
        "-c",
        "-e",
        "--eval=process.exit(3)",
        ";rm -rf /",
        "node; cat /etc/passwd",
        "$(cat /etc/passwd)",
        "`id`",
        "auto\n--help",
        "node\r\n-e",
        "--no-index /etc/passwd",
        "--output=/tmp/voicehub-pwned",
        "/etc/passwd",
        "/etc",
        "..",
        "../..",
        "../../etc/passwd",
        "....//....//etc",
        "%2e%2e/%2e%2e",
        ".git/config",
        ".env",
        "node\0--eval",
        "http://127.0.0.1:6379/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var value in Values)
        {
            data.Add(value);
        }

        return data;
    }
}
