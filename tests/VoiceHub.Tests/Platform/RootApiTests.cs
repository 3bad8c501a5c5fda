using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Platform;

[Collection(RedisCollection.Name)]
public sealed class RootApiTests(RedisServerFixture redis) : ApiTest(redis)
{

    [Fact]
    public async Task Root_names_the_service_and_its_version()
    {
        var info = await Client.GetFromJsonAsync<JsonElement>("/");

        Assert.Equal("VoiceHub.ApiService", info.GetProperty("service").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", info.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Health_reports_redis_check_as_healthy()
    {
        var response = await Client.GetAsync("/health");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("StackExchange.Redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alive_runs_only_liveness_checks()
    {
        var report = await Client.GetFromJsonAsync<JsonElement>("/alive");

        var checks = report.GetProperty("checks").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["self"], checks);
    }

    [Fact]
    public async Task Unknown_route_is_problem_details_404()
    {
        var response = await Client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_root_operation()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/", out var root));
        Assert.Equal("GetServiceInfo", root.GetProperty("get").GetProperty("operationId").GetString());
    }
}
