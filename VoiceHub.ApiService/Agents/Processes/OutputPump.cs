using System.Text;

namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// Reads one of a child's output streams by fixed-size chunks and hands complete lines to a
/// <see cref="BoundedOutput"/>. A line longer than the budget is cut into pieces as it arrives, so a
/// program printing one endless line holds at most one budget of memory (ReadLine would hold it all).
/// </summary>
internal static class OutputPump
{
    private const int ChunkCharacters = 4096;

    public static async Task PumpAsync(TextReader reader, BoundedOutput output, int maxLineCharacters)
    {
        var buffer = new char[ChunkCharacters];
        var line = new StringBuilder();
        int read;
        // Reads to the end even after a kill: the pipe closes when the last writer dies.
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '\n')
                {
                    output.AppendLine(TrimReturn(line));
                    line.Clear();
                }
                else if (line.Append(c).Length >= maxLineCharacters)
                {
                    output.AppendLine(line.ToString());
                    line.Clear();
                }
            }
        }

        if (line.Length > 0)
        {
            output.AppendLine(TrimReturn(line));
        }
    }

    private static string TrimReturn(StringBuilder line) =>
        line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
}
