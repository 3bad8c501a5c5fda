namespace VoiceHub.Tests.Speech;

/// <summary>A fact that needs <see cref="SpeechTools"/>: skipped with the reason when they are missing, except in CI.</summary>
public sealed class SpeechFactAttribute : FactAttribute
{
    public SpeechFactAttribute()
    {
        if (SpeechTools.Missing is { } missing && !SpeechTools.IsCi)
        {
            Skip = missing;
        }
    }
}

/// <summary>A theory that needs <see cref="SpeechTools"/>: skipped with the reason when they are missing, except in CI.</summary>
public sealed class SpeechTheoryAttribute : TheoryAttribute
{
    public SpeechTheoryAttribute()
    {
        if (SpeechTools.Missing is { } missing && !SpeechTools.IsCi)
        {
            Skip = missing;
        }
    }
}
