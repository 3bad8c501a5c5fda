using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class DocumentPassagesTests
{
    [Fact]
    public void Paragraphs_become_passages_under_their_headings_with_their_first_line()
    {
        var passages = DocumentPassages.Split("doc.md", """
            Title
            =====

            Intro paragraph
            over two lines.

            ## Code

            ```
            # not a heading
            ```
            """).ToList();

        Assert.Equal(2, passages.Count);
        Assert.Equal(new Passage("doc.md", 4, "Title", "Intro paragraph\nover two lines."), passages[0]);
        Assert.Equal(("Code", 9), (passages[1].Heading, passages[1].Line));
        Assert.Contains("# not a heading", passages[1].Text);
    }

    [Fact]
    public void Long_paragraphs_are_cut_into_quotable_passages()
    {
        var text = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}"));

        var passages = DocumentPassages.Split("long.txt", text, maxLines: 12).ToList();

        Assert.Equal([1, 13, 25], passages.Select(p => p.Line));
    }
}
