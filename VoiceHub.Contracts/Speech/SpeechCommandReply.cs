using VoiceHub.Contracts.Commands;

namespace VoiceHub.Contracts.Speech;

/// <summary>Answer of <c>POST /api/speech/commands</c>: what was heard and what the hub did with it.</summary>
/// <param name="Speech">The transcript, its confidence and the engine.</param>
/// <param name="NeedsConfirmation">True when a change (start, cancel, retry) was heard too unsurely to act on; nothing was done.</param>
/// <param name="Action">As in <see cref="CommandActions"/>, or <see cref="SpeechActions.Confirm"/>.</param>
/// <param name="Reply">One line fit to be spoken back.</param>
/// <param name="Command">The command reply, exactly as <c>POST /api/commands</c> gives it; null when nothing was carried out.</param>
public sealed record SpeechCommandReply(SpeechRecognition Speech, bool NeedsConfirmation, string Action, string Reply, CommandReply? Command);

/// <summary>Actions only spoken commands lead to (the others are <see cref="CommandActions"/>).</summary>
public static class SpeechActions
{
    /// <summary>A change was heard unsurely: nothing was done; send <see cref="SpeechRecognition.Text"/> as a command to confirm.</summary>
    public const string Confirm = "confirm";
}
