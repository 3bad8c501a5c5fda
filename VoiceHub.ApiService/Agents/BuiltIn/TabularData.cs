using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>Rows of named columns read from CSV (header row, RFC 4180 quoting) or a JSON array of objects.</summary>
internal sealed class TabularData(IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>Cell text by row, then by column index; null where a row has no value.</summary>
    public IReadOnlyList<string?[]> Rows { get; } = rows;

    /// <summary>
    /// The values of a column when every non-empty one is a number: (row index, value). Null when
    /// the column holds text or nothing at all.
    /// </summary>
    public List<(int Row, double Value)>? Numbers(int column)
    {
        var values = new List<(int, double)>();
        for (var r = 0; r < Rows.Count; r++)
        {
            var cell = Rows[r][column]?.Trim();
            if (string.IsNullOrEmpty(cell))
            {
                continue;
            }

            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return null;
            }

            values.Add((r, value));
        }

        return values.Count > 0 ? values : null;
    }

    public static TabularData Load(string path, string text) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => FromCsv(text, ','),
            ".tsv" => FromCsv(text, '\t'),
            ".json" => FromJson(text),
            _ => throw new NonRetryableAgentException($"'{Path.GetFileName(path)}' is neither CSV (.csv, .tsv) nor JSON (.json)."),
        };

    public static TabularData FromCsv(string text, char separator)
    {
        var records = ParseCsv(text, separator).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        if (records.Count == 0)
        {
            throw new NonRetryableAgentException("The CSV file is empty; it needs a header row.");
        }

        var header = records[0].Select((h, i) => h.Trim() is { Length: > 0 } name ? name : $"column{i + 1}").ToList();
        var rows = records.Skip(1).Select(r => Enumerable.Range(0, header.Count).Select(i => i < r.Count ? r[i] : null).ToArray()).ToList();
        return new TabularData(header, rows);
    }

    public static TabularData FromJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new NonRetryableAgentException($"The JSON file is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new NonRetryableAgentException("The JSON file must hold an array of objects.");
            }

            var columns = new List<string>();
            var maps = new List<Dictionary<string, string?>>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new NonRetryableAgentException("The JSON file must hold an array of objects; found " + item.ValueKind + ".");
                }

                var map = new Dictionary<string, string?>();
                foreach (var property in item.EnumerateObject())
                {
                    if (!columns.Contains(property.Name))
                    {
                        columns.Add(property.Name);
                    }

                    map[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => property.Value.GetRawText(),
                    };
                }

                maps.Add(map);
            }

            return new TabularData(columns, maps.Select(m => columns.Select(c => m.GetValueOrDefault(c)).ToArray()).ToList());
        }
    }

    /// <summary>RFC 4180: quoted fields may hold separators, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> ParseCsv(string text, char separator)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else if (c != '\uFEFF' || i > 0)
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
