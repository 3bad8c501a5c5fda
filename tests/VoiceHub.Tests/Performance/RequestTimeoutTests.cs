using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.Tests.Threads;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Performance;

[Collection(RedisCollection.Name)]
public sealed class RequestTimeoutTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Request_over_the_timeout_gets_504_problem()
    {
        await using var factory = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Limits:RequestTimeout"] = "00:00:00.200",
        }, services => services.AddSingleton<IStartupFilter, NeverEndingEndpoint>());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(NeverEndingEndpoint.Path).WaitAsync(TimeSpan.FromSeconds(30));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Contains("0.2 s", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Event_streams_have_no_timeout_and_batches_a_longer_one()
    {
        await using var factory = new ApiFactory(redis, new Dictionary<string, string?>
        {
        });
        factory.CreateClient().Dispose();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        RouteEndpoint Route(string pattern, string method) => endpoints.Single(e =>
            e.RoutePattern.RawText == pattern && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true);

        Assert.NotNull(Route("/api/workflows/{id}/events", "GET").Metadata.GetMetadata<DisableRequestTimeoutAttribute>());
        Assert.NotNull(Route("/api/events", "GET").Metadata.GetMetadata<DisableRequestTimeoutAttribute>());
        Assert.Equal("batch", Route("/api/workflows/batch", "POST").Metadata.GetMetadata<RequestTimeoutAttribute>()?.PolicyName);
    }

    /// <summary>A test-only route that waits until the request is aborted, mounted after the app's own.</summary>
    private sealed class NeverEndingEndpoint : IStartupFilter
    {
        public const string Path = "/test/never-ends";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Path != Path)
                {
                    await following(context);
                    return;
                }

                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
        };
    }
}
