using Microsoft.Extensions.DependencyInjection;
using VoiceHub.ApiService.Commands.Intents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Commands;

/// <summary>Every intent of the grammar has exactly one handler; a missing or stray one stops the API from starting.</summary>
[Collection(RedisCollection.Name)]
public sealed class IntentHandlerTests(RedisServerFixture redis) : ApiTest(redis)
{
    [Fact]
    public void Every_shipped_intent_has_a_handler()
    {
        var handlers = Api.Services.GetServices<IIntentHandler>().Select(h => h.Intent).Order().ToArray();

        Assert.Equal(ShippedGrammar.Grammar.Intents.Select(i => i.Name).Order(), handlers);
    }

    [Fact]
    public void An_intent_without_a_handler_stops_the_start_naming_it()
    {
        var handlers = Api.Services.GetServices<IIntentHandler>().Where(h => h.Intent != "RetryWorkflow");

        var error = Assert.Throws<InvalidOperationException>(() => new IntentHandlers(handlers, ShippedGrammar.Grammar));

        Assert.Contains("RetryWorkflow", error.Message);
    }

    [Fact]
    public async Task The_api_refuses_to_start_when_an_intent_has_no_handler()
    {
        await using var broken = new ApiFactory(Redis, services: s =>
        {
            var retry = s.Single(d => d.ServiceType == typeof(IIntentHandler) && d.ImplementationType == typeof(RetryWorkflowIntent));
            s.Remove(retry);
        });

        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains("RetryWorkflow", error.ToString());
    }
}
