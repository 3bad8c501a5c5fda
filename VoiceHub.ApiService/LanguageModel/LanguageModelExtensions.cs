using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Performance.Resilience;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// Registers the optional language model. Always: <see cref="LanguageModelStatus"/> and the "llm"
/// <see cref="IHubCapability"/>. Only when <c>ConnectionStrings:llm</c> is set: an <see cref="IChatClient"/>
/// (OpenAI-compatible) behind timeout, retry and circuit breaker, the <c>llm</c> agent and the
/// <c>language_model</c> health check. Other code asks for <see cref="IChatClient"/> with
/// <c>GetService</c> (it is absent without a model) and checks <see cref="LanguageModelStatus.IsAcceptingCalls"/>.
/// </summary>
public static class LanguageModelExtensions
{
    /// <summary>Name of the HttpClient every model call goes through, and of its resilience pipeline.</summary>
    public const string HttpClientName = "llm";

    public static IHostApplicationBuilder AddLanguageModel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connection = LanguageModelConnection.FromConfiguration(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new LanguageModelStatus(
            connection, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LanguageModelStatus>>()));
        services.AddSingleton<IHubCapability, LanguageModelCapability>();
        if (connection is null)
        {
            return builder;
        }

        services.AddValidatedOptions<LanguageModelOptions>();

        // The OpenAI client's own retries and timeout are switched off below, so this pipeline alone decides.
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001), but it is the documented way to
        // replace the standard handler the service defaults put on every client.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler(HttpClientName, ConfigurePipeline);
#pragma warning restore EXTEXP0001

        services.AddChatClient(sp => CreateChatClient(connection, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.AddSingleton<IAgent, LanguageModelAgent>();
        services.AddHealthChecks().AddCheck<LanguageModelHealthCheck>(LanguageModelHealthCheck.Name, tags: ["llm", "dependency"]);
        return builder;
    }

    /// <summary>Outer to inner: total timeout, retry with exponential backoff, circuit breaker, attempt timeout.</summary>
    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<LanguageModelOptions>>().Value;
        var status = context.ServiceProvider.GetRequiredService<LanguageModelStatus>();
        // The breaker also shows in the circuit_breakers health check and the circuit_breaker.llm gauge.
        var breakers = context.ServiceProvider.GetRequiredService<CircuitBreakerRegistry>();
        breakers.Register(HttpClientName);

        pipeline.AddTimeout(options.Timeout);
        if (options.MaxRetryAttempts > 0)
        {
            // Handles 5xx, 408, 429 (honouring Retry-After), timeouts and connection failures.
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                status.OnOpened(args.BreakDuration);
                breakers.Report(HttpClientName, BreakerState.Open);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                status.OnHalfOpened();
                breakers.Report(HttpClientName, BreakerState.HalfOpen);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                status.OnClosed();
                breakers.Report(HttpClientName, BreakerState.Closed);
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static IChatClient CreateChatClient(LanguageModelConnection connection, HttpClient http)
    {
        var client = new OpenAIClient(
            // Local OpenAI-compatible servers need no key, but the client insists on one.
            new ApiKeyCredential(connection.Key ?? "none"),
            new OpenAIClientOptions
            {
                Endpoint = connection.Endpoint,
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            });
        return client.GetChatClient(connection.Model).AsIChatClient();
    }
}
