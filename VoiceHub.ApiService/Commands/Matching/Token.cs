namespace VoiceHub.ApiService.Commands.Matching;

/// <summary>
/// One word of the user's text: where it is in the original (so wildcards can return the text
/// exactly as typed), its vocabulary id (-1 if no template uses it) and its value if it is digits.
/// </summary>
internal readonly record struct Token(int Start, int End, int WordId, int Digits);
