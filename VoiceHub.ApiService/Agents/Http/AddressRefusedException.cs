namespace VoiceHub.ApiService.Agents.Http;

/// <summary>A connection the address guard refused; never retried, since asking again gets the same answer.</summary>
public sealed class AddressRefusedException(string message) : Exception(message)
{
    /// <summary>The refusal inside an HttpClient error (the handler wraps what its connect callback throws), or null.</summary>
    public static AddressRefusedException? In(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
