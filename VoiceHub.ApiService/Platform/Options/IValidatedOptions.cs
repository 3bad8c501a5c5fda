using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Platform.Options;

/// <summary>
/// Settings of one feature, bound from <see cref="SectionName"/> and checked when the API starts:
/// every problem is reported with the setting's full name, so a bad value stops start-up saying
/// which key to fix.
/// </summary>
public interface IValidatedOptions
{
    /// <summary>The configuration section, e.g. <c>VoiceHub:Workflows</c>.</summary>
    static abstract string SectionName { get; }

    /// <summary>What is wrong with the values, one sentence each, naming the key (empty when all is well).</summary>
    IEnumerable<string> Problems();
}

/// <summary>The one way features register their settings: bind, validate, fail on start.</summary>
public static class ValidatedOptionsExtensions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services)
        where T : class, IValidatedOptions
    {
        services.AddSingleton<IValidateOptions<T>, ProblemsValidator<T>>();
        return services.AddOptions<T>().BindConfiguration(T.SectionName).ValidateOnStart();
    }

    private sealed class ProblemsValidator<T> : IValidateOptions<T>
        where T : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems().Select(p => $"{T.SectionName}: {p}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
