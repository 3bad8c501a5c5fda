using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using VoiceHub.Web.ApiClients;

namespace VoiceHub.Web.Tests.Unit;

public sealed class HubApiClientTests
{
    [Fact]
    public async Task Every_call_carries_the_frontend_key_and_the_signed_in_person_it_acts_for()
    {
        var api = new StubApi(HttpStatusCode.OK, """{ "items": [], "page": 1, "limit": 20, "total": 0 }""");
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [HubApiCredentials.KeySetting] = "frontend-key-0123456789abcdef0123456789" })
            .Build();
        var client = new HubApiClient(api.Client, SignedIn.As("alice", "viewer"), new HubApiCredentials(settings));

        await client.ListWorkflowsAsync(1, 20, "Running");

        Assert.Equal("/api/workflows?page=1&limit=20&status=Running", api.Last!.RequestUri!.PathAndQuery);
        Assert.Equal("Bearer frontend-key-0123456789abcdef0123456789", api.Last.Headers.Authorization?.ToString());
        Assert.Equal(["alice"], api.Last.Headers.GetValues(HubApiCredentials.OnBehalfOfHeader));
        Assert.Equal(["viewer"], api.Last.Headers.GetValues(HubApiCredentials.OnBehalfOfRoleHeader));
    }

    [Fact]
    public async Task Nobody_signed_in_names_nobody_so_the_api_refuses_the_frontend_key_alone()
    {
        var api = new StubApi(HttpStatusCode.OK, """{ "items": [], "page": 1, "limit": 20, "total": 0 }""");
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [HubApiCredentials.KeySetting] = "frontend-key-0123456789abcdef0123456789" })
            .Build();
        var client = new HubApiClient(api.Client, SignedIn.Nobody, new HubApiCredentials(settings));

        await client.ListWorkflowsAsync(1, 20, null);

        Assert.False(api.Last!.Headers.Contains(HubApiCredentials.OnBehalfOfHeader));
        Assert.False(api.Last.Headers.Contains(HubApiCredentials.OnBehalfOfRoleHeader));
    }

    [Fact]
    public async Task Unmatched_command_answer_carries_its_suggestions()
    {
        var api = new StubApi(HttpStatusCode.UnprocessableEntity, """
            { "type": "about:blank", "title": "Not understood", "status": 422, "text": "make a sandwich", "intent": null,
              "confidence": null, "action": "unmatched", "reply": "Sorry, I did not understand that.",
              "suggestions": [ { "intent": "Help", "description": "What the hub can do", "examples": ["what can you do"], "score": 0.4 } ] }
            """);
        var client = new HubApiClient(api.Client, SignedIn.Nobody);

        var result = await client.SendCommandAsync("make a sandwich", null);

        Assert.Equal("unmatched", result.Action);
        Assert.False(result.IsError);
        Assert.Equal("what can you do", Assert.Single(Assert.Single(result.Suggestions!).Examples!));
    }

    [Fact]
    public async Task Command_refused_without_command_fields_becomes_an_error_reply_with_the_problem_detail()
    {
        var api = new StubApi(HttpStatusCode.TooManyRequests, """{ "title": "Too many requests", "status": 429, "detail": "Try again in 12 s." }""");
        var client = new HubApiClient(api.Client, SignedIn.Nobody);

        var result = await client.SendCommandAsync("run the self test", "thr_1");

        Assert.True(result.IsError);
        Assert.Equal("Try again in 12 s.", result.Reply);
        Assert.Equal("thr_1", result.ThreadId);
    }

    [Fact]
    public async Task Validation_problem_of_a_start_is_readable_per_field()
    {
        var api = new StubApi(HttpStatusCode.BadRequest, """
            { "title": "Invalid workflow request", "status": 400, "errors": { "inputs.delay": ["delay must be at most 10000."] } }
            """);
        var client = new HubApiClient(api.Client, SignedIn.Nobody);

        var result = await client.StartWorkflowAsync("self-test", new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["delay"] = 99999 });

        Assert.False(result.Ok);
        Assert.Equal(["delay must be at most 10000."], result.Problem!.For("inputs.delay"));
        Assert.Empty(result.Problem.For("inputs.other"));
    }

    [Fact]
    public async Task Unreachable_api_is_a_503_problem_for_pages_and_a_spoken_error_for_commands()
    {
        var client = new HubApiClient(new HttpClient(new Unreachable()) { BaseAddress = new Uri("http://apiservice") }, SignedIn.Nobody);

        var problem = await Assert.ThrowsAsync<HubApiException>(() => client.ListWorkflowsAsync(1, 20, null));
        var command = await client.SendCommandAsync("help", null);
        var health = await client.GetHealthAsync();

        Assert.Equal(503, problem.Problem.Status);
        Assert.True(command.IsError);
        Assert.Contains("did not answer", command.Reply);
        Assert.Equal("Unreachable", health.Status);
    }

    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (apiservice:80)");
    }

    internal sealed class StubApi(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpRequestMessage? Last { get; private set; }

        public HttpClient Client => new(this) { BaseAddress = new Uri("http://apiservice") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
        }
    }
}
