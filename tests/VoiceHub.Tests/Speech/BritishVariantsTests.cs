using VoiceHub.ApiService.Speech.PocketSphinx;

namespace VoiceHub.Tests.Speech;

/// <summary>The British readings added to the speech grammar's words follow the accents' textbook rules, word by word.</summary>
public sealed class BritishVariantsTests
{
    [Theory]
    [InlineData("start", "S T AA R T", "S T AA T")] // non-rhotic
    [InlineData("work", "W ER K", "W AH K")] // NURSE without R
    [InlineData("after", "AE F T ER", "AA F T AH")] // BATH before F; final ER
    [InlineData("path", "P AE TH", "P AA TH")]
    [InlineData("last", "L AE S T", "L AA S T")]
    [InlineData("cant", "K AE N T", "K AA N T")]
    [InlineData("job", "JH AA B", "JH AO B")] // LOT
    [InlineData("story", "S T AO R IY", null)] // R before a vowel is said
    [InlineData("cancel", "K AE N S AH L", null)] // TRAP before a vowel stays
    [InlineData("father", "F AA DH ER", "F AA DH AH")] // no "o": AA stays
    [InlineData("list", "L IH S T", null)]
    public void British_reading_is_made_by_rule(string word, string us, string? british)
    {
        Assert.Equal(british, BritishVariants.Of(word, us));
    }
}
